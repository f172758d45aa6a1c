import type { KnownBlock, ModalView } from '@slack/types';
import type { Message } from '../../platform/ui/message';
import { button, context, input, modal, plainText as plain, section, textInput } from '../../platform/ui/blocks';
import { escapeMentions, truncate } from '../../platform/ui/text';
import { ids } from './ids';
import type { Project, ProjectFigures, ProjectModule, ProjectPerson } from './queries';
import { cadenceLabel, CHALLENGE_MAX, NAME_MAX, NOTE_MAX, type Charter } from './rules';

const b = ids.project;

export const projectReplies = {
  usage:
    'Try `/learnloop project new` (a form), `project list`, `project show ID`, `project pause ID`, `project resume ID`, `project close ID`, `project module add` or `project wave NAME`.',
  notFound: (id: number) => `There is no project #${id} in this workspace. \`/learnloop project list\` shows yours.`,
  notYours: 'Only the project’s coach, sponsor or creator (or a Learnloop admin) can do that.',
  notInProject: 'Only the project’s people (and Learnloop admins) can see it.',
  paused: (name: string) => `Paused “${name}”: no learning sets, modules or check-ins until \`/learnloop project resume\`.`,
  resumed: (name: string) => `Resumed “${name}”.`,
  closed: (name: string) => `Closed “${name}”: its closing summary is in its channel; its items stay searchable for those who may read them.`,
  notActive: (name: string, status: string) => `“${name}” is ${status}; that cannot be done now.`,
  noProjects: 'You are not in any action-learning project yet. `/learnloop project new` starts one.',
  created: (project: Project, warnings: readonly string[]) =>
    `Project #${project.id} “${project.name}” is set up in <#${project.channelId}>: its charter is posted there and everyone has a DM with their role.${warnings.length > 0 ? ` Note: ${warnings.join(' ')}` : ''}`,
  adminsOnlyWave: 'Wave summaries are for Learnloop admins (LEARNLOOP_ADMINS) and Slack workspace admins.',
  noWave: (name: string) => `No project belongs to a wave called “${name}”.`,
  moduleAdded: (title: string, due: string) => `Module “${title}” is in the curriculum: it is posted in the project channel on ${due}.`,
  noManagedProjects: 'You coach or sponsor no active project, so there is nowhere to add a module.',
  stuckSent: 'The coach and sponsor know; they will get in touch.',
  recognised: (userId: string) => `Thanks for recognising <@${userId}>: they have it as feedback only they see.`,
  notMember: 'Only the project’s members can do that.',
  supervisorNamed: (supervisorId: string) => `Thanks: <@${supervisorId}> has been asked to agree to your time on the project.`,
  supervisorSelf: 'Name someone else: your supervisor agrees to the time you spend on the project.',
  supervisorAskedAlready: (supervisorId: string) => `<@${supervisorId}> has been asked already; they are not asked twice.`,
  supervisorAnswered: (answer: 'agreed' | 'talk', memberId: string) =>
    answer === 'agreed' ? `Thank you: you agreed to <@${memberId}>’s time on the project.` : `Noted: <@${memberId}> and their coach will talk with you about the time.`,
  supervisorNotYou: 'Only the supervisor this was sent to can answer it.',
  noteSent: 'Your note is posted in the project channel.',
  gone: 'That project no longer runs.',
} as const;

export function roleMessage(project: Project, role: string, charter: Pick<Charter, 'hoursPerWeek'>): Message {
  const what: Record<string, string> = {
    member: `You are a member of “${project.name}”: about ${charter.hoursPerWeek} hours a week from ${project.startsOn} to ${project.endsOn}, with a learning set ${cadenceLabel(project.setCadence)} in <#${project.channelId}>.`,
    sponsor: `You sponsor “${project.name}” (${project.startsOn} to ${project.endsOn}). Once a month you get a short DM with what the team learned, and you will be asked to a showcase at the end. Your interest is what makes it work.`,
    coach: `You coach “${project.name}” (${project.startsOn} to ${project.endsOn}). You can add learning modules (\`/learnloop project module add\`), you hear when the team is stuck, and you are offered the closing review and showcase.`,
  };
  const text = escapeMentions(what[role] ?? '');
  return { text, blocks: [section(text, b.roleBlock)] };
}

export function supervisorAskMessage(project: Project): Message {
  const text = `Who is your supervisor? They will be asked once to agree to your ${project.hoursPerWeek} hours a week on “${escapeMentions(project.name)}”.`;
  return {
    text,
    blocks: [
      {
        type: 'section',
        block_id: `${b.supervisorAskBlockPrefix}${project.id}`,
        text: { type: 'mrkdwn', text },
        accessory: { type: 'users_select', action_id: b.supervisorPick, placeholder: plain('Pick your supervisor') },
      },
    ],
  };
}

export function supervisorRequestMessage(project: Project, memberId: string): Message {
  const text = `<@${memberId}> is joining the action-learning project “${escapeMentions(project.name)}”: about ${project.hoursPerWeek} hours a week from ${project.startsOn} to ${project.endsOn}, beside their day job. Do you agree to the time?`;
  const value = `${project.id}:${memberId}`;
  return {
    text,
    blocks: [section(text, b.supervisorBlock), { type: 'actions', elements: [button(b.supervisorAgree, 'I agree', value, 'primary'), button(b.supervisorTalk, 'Let’s talk', value)] } as KnownBlock],
  };
}

export function charterMessage(project: Project, people: readonly ProjectPerson[]): Message {
  const sponsor = people.find((p) => p.role === 'sponsor');
  const coach = people.find((p) => p.role === 'coach');
  const members = people.filter((p) => p.role === 'member').map((p) => `<@${p.userId}>`);
  const lines = [
    `:compass: *${escapeMentions(project.name)}* — an action-learning project`,
    `*The challenge:* ${escapeMentions(project.challenge)}`,
    `*Team:* ${members.join(', ')} · *Sponsor:* <@${sponsor?.userId}>${coach ? ` · *Coach:* <@${coach.userId}>` : ''}`,
    `*When:* ${project.startsOn} to ${project.endsOn}, about ${project.hoursPerWeek} hours a week · learning set ${cadenceLabel(project.setCadence)}${project.wave ? ` · wave ${escapeMentions(project.wave)}` : ''}`,
  ];
  return { text: `Charter: ${project.name}`, blocks: [section(truncate(lines.join('\n'), 2900), b.charterBlock)] };
}

export function learningSetButtons(projectId: number): Message {
  const value = String(projectId);
  return {
    text: 'Stuck, or want to recognise someone?',
    blocks: [
      context('What will you try next? Own it as a commitment (you get a reminder when it is due). Who helped us move? Recognise them (only they see it). Stuck? Tell the coach and sponsor (with or without your name).', b.setBlock),
      { type: 'actions', elements: [button(b.ownNext, 'Own a next step', value, 'primary'), button(b.recognise, 'Recognise a teammate', value), button(b.stuck, 'We’re stuck', value)] } as KnownBlock,
    ],
  };
}

export function stuckModal(projectId: number): ModalView {
  return modal({
    callbackId: b.stuckView,
    privateMetadata: { projectId },
    title: 'We’re stuck',
    submit: 'Tell them',
    blocks: [
      input(b.stuckNoteBlock, 'What is in the way?', textInput(b.stuckNoteInput, { multiline: true, maxLength: NOTE_MAX })),
      input(b.stuckAnonymousBlock, 'Your name', { type: 'checkboxes', action_id: b.stuckAnonymousInput, options: [{ text: plain('Send it without my name'), value: 'anonymous' }] }, { optional: true }),
    ],
  });
}

export function ownNextModal(projectId: number, defaultDue: string): ModalView {
  return modal({
    callbackId: b.ownView,
    privateMetadata: { projectId },
    title: 'Own a next step',
    submit: 'Commit',
    blocks: [
      input(b.ownTextBlock, 'What will you try next?', textInput(b.ownTextInput, { multiline: true, maxLength: 500 })),
      input(b.ownDueBlock, 'By', { type: 'datepicker', action_id: b.ownDueInput, initial_date: defaultDue }),
    ],
  });
}

export function recogniseModal(projectId: number): ModalView {
  return modal({
    callbackId: b.recogniseView,
    privateMetadata: { projectId },
    title: 'Recognise a teammate',
    submit: 'Send',
    blocks: [
      input(b.recogniseWhoBlock, 'Who helped us move?', { type: 'users_select', action_id: b.recogniseWhoInput }),
      input(b.recogniseNoteBlock, 'How (optional)', textInput(b.recogniseNoteInput, { multiline: true, maxLength: NOTE_MAX }), { optional: true }),
    ],
  });
}

export function stuckMessage(project: Project, fromId: string | null, note: string): Message {
  const text = `:construction: The “${escapeMentions(project.name)}” team is stuck${fromId ? ` (from <@${fromId}>)` : ' (sent without a name)'}: ${escapeMentions(truncate(note, 1500))}`;
  return { text, blocks: [section(text)] };
}

export function moduleMessage(module: ProjectModule): Message {
  const title = module.link ? `<${module.link}|${escapeMentions(module.title)}>` : escapeMentions(module.title);
  const text = `:books: Learning module: ${title}`;
  const block = section(text, b.moduleBlock);
  block.accessory = button(b.moduleDone, 'Done', String(module.id), 'primary');
  return { text: `Learning module: ${module.title}`, blocks: [block, context('Press Done when you have worked through it; its question is in the thread.')] };
}

export function moduleModal(projects: readonly Project[]): ModalView {
  return modal({
    callbackId: b.moduleView,
    title: 'Add a learning module',
    submit: 'Add',
    blocks: [
      input(b.moduleProjectBlock, 'Project', { type: 'static_select', action_id: b.moduleProjectInput, options: projects.slice(0, 100).map((p) => ({ text: plain(truncate(`#${p.id} ${p.name}`, 75)), value: String(p.id) })) }),
      input(b.moduleTitleBlock, 'Title', textInput(b.moduleTitleInput, { maxLength: NAME_MAX })),
      input(b.moduleLinkBlock, 'Link', { type: 'url_text_input', action_id: b.moduleLinkInput }, { optional: true }),
      input(b.moduleDateBlock, 'Post it on', { type: 'datepicker', action_id: b.moduleDateInput }),
      input(b.moduleQuestionBlock, 'A reflection question', textInput(b.moduleQuestionInput, { maxLength: 300 }), { optional: true }),
    ],
  });
}

export function noteModal(projectId: number): ModalView {
  return modal({
    callbackId: b.noteView,
    privateMetadata: { projectId },
    title: 'A note to the team',
    submit: 'Post',
    blocks: [input(b.noteBlock, 'Your note (posted in the project channel as yours)', textInput(b.noteInput, { multiline: true, maxLength: NOTE_MAX }))],
  });
}

export function figuresLines(figures: ProjectFigures, minGroupSize: number): string[] {
  const participation = figures.members >= minGroupSize ? `${figures.setRepliers} of ${figures.members} members replied in learning sets` : `learning-set participation is not shown for fewer than ${minGroupSize} members`;
  return [
    `${figures.sets} learning ${figures.sets === 1 ? 'set' : 'sets'}; ${participation}`,
    `${figures.learnings} learnings · commitments: ${figures.commitmentsDone} done, ${figures.commitmentsOpen} open (${figures.commitmentsOverdue} overdue) · ${figures.reviews} reviews · ${figures.sessions} sessions`,
    ...(figures.stuck > 0 ? [`:construction: stuck ${figures.stuck} ${figures.stuck === 1 ? 'time' : 'times'}`] : []),
    ...(figures.recognitions >= minGroupSize ? [`${figures.recognitions} recognitions of someone who stepped up`] : []),
  ];
}

export function sponsorCheckInMessage(project: Project, figures: ProjectFigures, learnings: readonly { text: string; userId: string | null }[], minGroupSize: number): Message {
  const lines = [
    `:wave: Your monthly check-in on “${escapeMentions(project.name)}” (<#${project.channelId}>):`,
    ...figuresLines(figures, minGroupSize).map((line) => `• ${line}`),
    ...(learnings.length > 0 ? ['*What they learned:*', ...learnings.map((l) => `• “${escapeMentions(truncate(l.text.replace(/\s+/g, ' '), 150))}”${l.userId ? ` — <@${l.userId}>` : ''}`)] : []),
  ];
  const value = String(project.id);
  return {
    text: `Your monthly check-in on ${project.name}`,
    blocks: [section(truncate(lines.join('\n'), 2900), b.sponsorBlock2), { type: 'actions', elements: [button(b.sponsorNote, 'Send the team a note', value, 'primary'), button(b.sponsorBook, 'Book a check-in', value)] } as KnownBlock],
  };
}

export function finalProposalMessage(project: Project): Message {
  const text = `“${escapeMentions(project.name)}” ends on ${project.endsOn}. Close it well: a final review of what the team learned, and a showcase where the team presents to the sponsor.`;
  const value = String(project.id);
  return { text, blocks: [section(text, b.finalBlock), { type: 'actions', elements: [button(b.finalReview, 'Start the final review', value, 'primary'), button(b.showcase, 'Plan the showcase', value)] } as KnownBlock] };
}

export function showMessage(project: Project, people: readonly ProjectPerson[], modules: readonly ProjectModule[], figures: ProjectFigures, minGroupSize: number): Message {
  const members = people.filter((p) => p.role === 'member');
  const supervisors = members.map((m) => `<@${m.userId}>: ${m.supervisorId ? `<@${m.supervisorId}> ${m.supervisorAnswer === 'agreed' ? 'agreed' : m.supervisorAnswer === 'talk' ? 'wants to talk' : 'has not answered'}` : 'no supervisor named yet'}`);
  const lines = [
    `*#${project.id} ${escapeMentions(project.name)}* — ${project.status} · <#${project.channelId}> · ${project.startsOn} to ${project.endsOn}`,
    `*Supervisors:* ${supervisors.join(' · ')}`,
    `*Modules:* ${modules.length === 0 ? 'none yet' : modules.map((m) => `${escapeMentions(m.title)} (${m.dueOn}${m.postedAt ? ', posted' : ''})`).join(', ')}`,
    ...figuresLines(figures, minGroupSize),
  ];
  return { text: `Project #${project.id} ${project.name}`, blocks: [section(truncate(lines.join('\n'), 2900), b.showBlock)] };
}

export function listMessage(projects: readonly (Project & { role: string })[]): Message {
  const lines = projects.map((p) => `#${p.id} *${escapeMentions(p.name)}* — ${p.role} · ${p.status} · <#${p.channelId}> · ${p.startsOn} to ${p.endsOn}`);
  const text = `*Your action-learning projects*\n${lines.join('\n')}`;
  return { text: truncate(text, 2900), blocks: [section(truncate(text, 2900), b.listBlock), context('`/learnloop project show ID` for one project.')] };
}

export function waveMessage(wave: string, rows: readonly { project: Project; figures: ProjectFigures }[], minGroupSize: number): Message {
  const lines = rows.map(({ project, figures }) => `*#${project.id} ${escapeMentions(project.name)}* (${project.status})\n${figuresLines(figures, minGroupSize).join('\n')}`);
  const text = `*Wave ${escapeMentions(wave)}: ${rows.length} ${rows.length === 1 ? 'project' : 'projects'}*\n\n${lines.join('\n\n')}`;
  return { text: `Wave ${wave}`, blocks: [section(truncate(text, 2900), b.waveBlock2), context(`Counts only; figures about fewer than ${minGroupSize} people are not shown.`)] };
}

export function closingMessage(project: Project, figures: ProjectFigures, minGroupSize: number): Message {
  const lines = [`:checkered_flag: *“${escapeMentions(project.name)}” is closed.* What it produced from ${project.startsOn} to ${project.endsOn}:`, ...figuresLines(figures, minGroupSize).map((line) => `• ${line}`)];
  return { text: `${project.name} is closed`, blocks: [section(truncate(lines.join('\n'), 2900), b.closingBlock), context('Everything the team recorded stays searchable for those who may read it. Thank you all.')] };
}

export function charterModal(defaults: { channelId: string | null }): ModalView {
  return modal({
    callbackId: b.charterView,
    title: 'New action-learning project',
    submit: 'Start project',
    blocks: [
      input(b.nameBlock, 'Name', textInput(b.nameInput, { maxLength: NAME_MAX })),
      input(b.challengeBlock, 'The challenge: what must the work achieve, and why will it stretch people?', textInput(b.challengeInput, { multiline: true, maxLength: CHALLENGE_MAX })),
      input(b.sponsorBlock, 'Sponsor', { type: 'users_select', action_id: b.sponsorInput }),
      input(b.coachBlock, 'Coach', { type: 'users_select', action_id: b.coachInput }, { optional: true }),
      input(b.membersBlock, 'Members (2–8)', { type: 'multi_users_select', action_id: b.membersInput, max_selected_items: 8 }),
      input(
        b.channelBlock,
        'Project channel',
        { type: 'conversations_select', action_id: b.channelInput, filter: { include: ['public', 'private'], exclude_bot_users: true }, ...(defaults.channelId ? { initial_conversation: defaults.channelId } : {}) },
        { hint: 'Invite Learnloop there first (/invite @Learnloop).' },
      ),
      input(b.startsBlock, 'Starts', { type: 'datepicker', action_id: b.startsInput }),
      input(b.endsBlock, 'Ends', { type: 'datepicker', action_id: b.endsInput }, { hint: '3 to 18 months; 6 to 12 works best.' }),
      input(b.hoursBlock, 'Hours a week each', textInput(b.hoursInput, { placeholder: '8' }), { optional: true }),
      input(
        b.cadenceBlock,
        'Learning sets',
        {
          type: 'static_select',
          action_id: b.cadenceInput,
          initial_option: { text: plain('Every two weeks'), value: 'biweekly' },
          options: [
            { text: plain('Every week'), value: 'weekly' },
            { text: plain('Every two weeks'), value: 'biweekly' },
            { text: plain('Every month'), value: 'monthly' },
          ],
        },
        { optional: true },
      ),
      input(b.timeBlock, 'Learning-set time (HH:MM, your time zone)', textInput(b.timeInput, { placeholder: '16:00' }), { optional: true }),
      input(b.waveBlock, 'Wave (optional, e.g. Pilot 2027)', textInput(b.waveInput, { maxLength: 40 }), { optional: true }),
    ],
  });
}
