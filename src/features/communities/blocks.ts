import type { KnownBlock, ModalView } from '@slack/types';
import type { Message } from '../../platform/ui/message';
import { context, plainText, section } from '../../platform/ui/blocks';
import { escapeMentions, truncate } from '../../platform/ui/text';
import { ids } from './ids';
import type { Community, CommunityWeek, FlowItem } from './queries';
import { NAME_MAX, PURPOSE_MAX, QUESTION_MAX } from './rules';

const b = ids.community;
const tagList = (tags: readonly string[]) => tags.map((tag) => `#${tag}`).join(' ');

export const communityReplies = {
  unknown: (typed: string, names: readonly string[]) =>
    `There is no community called “${typed}”.${names.length > 0 ? ` There are: ${names.map((n) => `“${n}”`).join(', ')}.` : ' Start one with `/learnloop community new`.'}`,
  exists: (name: string) => `A community called “${name}” already exists; join it with \`/learnloop community join "${name}"\`.`,
  created: (community: Community) => `Community “${community.name}” is open in <#${community.homeChannelId}>, following ${tagList(community.tags)}.`,
  joined: (name: string, home: string) => `You joined “${name}”; its digest comes to <#${home}> weekly. \`/learnloop community pairing "${name}" on\` to meet people from other teams over coffee.`,
  alreadyMember: (name: string) => `You are in “${name}” already.`,
  left: (name: string) => `You left “${name}”.`,
  notMember: (name: string) => `You are not in “${name}”.`,
  lastLead: 'You are its only lead: name another with `/learnloop community lead "NAME" @person` before you leave.',
  leadsOnly: 'Only the community’s leads (and Learnloop admins) can do that.',
  changed: (name: string) => `Done: “${name}” is updated.`,
  archived: (name: string) => `Archived “${name}”: it no longer collects items or posts a digest.`,
  pairingOn: (name: string) => `You are in “${name}”’s coffee pairings: each round, one group DM with someone from another team.`,
  pairingOff: (name: string) => `You are out of “${name}”’s coffee pairings.`,
  paired: (groups: number, unpaired: number, notSent = 0) =>
    `Paired ${groups} ${groups === 1 ? 'group' : 'groups'}${unpaired > 0 ? `; ${unpaired} could not be paired this round without meeting someone again or from their own team` : ''}.${notSent > 0 ? ` Slack did not take ${notSent} of the group DMs; those pairings stand, so let the people in them know.` : ''}`,
  pairingAlreadyRan: (name: string, round: number) => `A pairing round already ran for “${name}” today (round ${round}); the next one can run tomorrow.`,
  tooFewToPair: 'Fewer than two members take part in pairings; `/learnloop community pairing "NAME" on` opts in.',
  asked: (name: string, home: string) => `Your question is in <#${home}> for “${name}”. When an answer helps, use the message shortcut “This helped” on it.`,
  notInHome: 'Learnloop is not in the community’s home channel; a lead can invite it back.',
  askedAlready: (name: string, home: string) => `You asked “${name}” that already today; it is in <#${home}>.`,
  askUnclear: (home: string) => `Slack did not answer clearly, so your question may or may not be in <#${home}>; have a look there before asking again.`,
  helpedNotAsker: 'Only the person who asked can say an answer helped.',
  helpedNotAnswer: 'Use “This helped” on an answer in the thread of a community question.',
  helpedSaved: (authorId: string) => `Saved as a learning credited to <@${authorId}>. Thank you for closing the loop.`,
  whoNone: (tag: string) => `Nobody has shared team learnings tagged #${tag} yet.`,
  whoBad: 'Say one tag, e.g. `/learnloop who #testing`.',
} as const;

export function communityListMessage(communities: readonly (Community & { members: number })[]): Message {
  if (communities.length === 0) {
    const text = 'There are no communities of practice yet. `/learnloop community new` starts one.';
    return { text, blocks: [section(text, b.listBlock)] };
  }
  const lines = communities.map((c) => `*${escapeMentions(c.name)}* — ${c.members} ${c.members === 1 ? 'member' : 'members'} · <#${c.homeChannelId}> · ${tagList(c.tags)}${c.purpose ? `\n${escapeMentions(truncate(c.purpose, 200))}` : ''}`);
  const text = `*Communities of practice*\n${lines.join('\n')}`;
  return { text: truncate(text, 2900), blocks: [section(truncate(text, 2900), b.listBlock), context('`/learnloop community join "NAME"` to join; `/learnloop ask "NAME" …` to ask one.')] };
}

export function flowLines(items: readonly FlowItem[]): string[] {
  return items.map((item) => `• “${escapeMentions(truncate(item.text.replace(/\s+/g, ' '), 140))}” — <@${item.userId}>${item.channelId ? ` in <#${item.channelId}>` : ''}${item.reactions > 0 ? ` · ${item.reactions} :heart:` : ''}`);
}

export function communityShowMessage(community: Community, members: number, leads: readonly string[], flow: readonly FlowItem[]): Message {
  const lines = [
    `*${escapeMentions(community.name)}* — ${members} members · <#${community.homeChannelId}> · follows ${tagList(community.tags)}`,
    ...(community.purpose ? [escapeMentions(community.purpose)] : []),
    `Leads: ${leads.map((id) => `<@${id}>`).join(', ')}`,
    ...(flow.length > 0 ? ['*Lately, from across the workspace:*', ...flowLines(flow)] : ['Nothing tagged for it yet.']),
  ];
  return { text: `Community ${community.name}`, blocks: [section(truncate(lines.join('\n'), 2900), b.showBlock)] };
}

export function questionMessage(community: Community, askerId: string | null, question: string, sourcePermalink: string | null): Message {
  const who = askerId ? `<@${askerId}> asks` : 'Someone asks';
  const text = `:raising_hand: ${who} the “${escapeMentions(community.name)}” community: ${escapeMentions(question)}${sourcePermalink ? `\n<${sourcePermalink}|The message it is about>` : ''}`;
  return { text: truncate(text, 2900), blocks: [section(truncate(text, 2900), b.questionBlock), context('Answer in the thread. The asker can mark the answer that helped (message shortcut “This helped”); it becomes a learning credited to you.')] };
}

/** The weekly community digest: highlights, each figure only with enough people behind it. */
export function communityDigestMessage(community: Community, week: CommunityWeek, top: readonly FlowItem[], minGroupSize: number): Message {
  const enough = week.authors >= minGroupSize;
  const lines = [
    `:seedling: *This week in “${escapeMentions(community.name)}”*`,
    enough ? `${week.items} learnings and replies tagged ${tagList(community.tags)} came in from across the workspace` : `Fewer than ${minGroupSize} people shared on ${tagList(community.tags)} this week.`,
    ...(enough && week.channels.length > 0 ? [`From: ${week.channels.filter((c) => c.authors >= minGroupSize || week.channels.length === 1).slice(0, 6).map((c) => `<#${c.channelId}> (${c.items})`).join(', ') || `${week.channels.length} channels`}`] : []),
    ...(enough && top.length > 0 ? ['*Highlights:*', ...flowLines(top)] : []),
    week.newMembers >= minGroupSize ? `${week.newMembers} new members joined.` : week.newMembers > 0 ? `New members joined (fewer than ${minGroupSize}).` : '',
    week.questions > 0 ? `${week.questions} ${week.questions === 1 ? 'question was' : 'questions were'} asked; ${week.questionsHelped} got an answer that helped.` : '',
  ].filter((line) => line !== '');
  return { text: `This week in ${community.name}`, blocks: [section(truncate(lines.join('\n'), 2900), b.digestBlock), context(`Only what the whole workspace may read flows here. Figures about fewer than ${minGroupSize} people are not shown.`)] };
}

export function whoMessage(tag: string, people: readonly { userId: string; latest: Date; channelId: string | null }[]): Message {
  const lines = people.map((p) => `• <@${p.userId}> — last shared ${p.latest.toISOString().slice(0, 10)}${p.channelId ? ` in <#${p.channelId}>` : ''}`);
  const text = `*Who knows about #${tag}* (most recent first)\n${lines.join('\n')}`;
  return { text: `Who knows about #${tag}`, blocks: [section(truncate(text, 2900), b.whoBlock), context('From team learnings only; people can leave this list with `/learnloop settings findable off`.')] };
}

export function pairingMessage(community: Community, starter: string | null): Message {
  const text = `:coffee: A coffee pairing from “${escapeMentions(community.name)}”: you work in different teams and share a craft. Find half an hour this week.${starter ? `\nA way to start: “${escapeMentions(truncate(starter.replace(/\s+/g, ' '), 200))}” — what would you add?` : ''}`;
  return { text, blocks: [section(text)] };
}

export function communityModal(channelId: string | null): ModalView {
  return {
    type: 'modal',
    callback_id: b.formView,
    title: plainText('New community'),
    submit: plainText('Start it'),
    close: plainText('Cancel'),
    blocks: [
      { type: 'input', block_id: b.nameBlock, label: plainText('Name'), element: { type: 'plain_text_input', action_id: b.nameInput, max_length: NAME_MAX, placeholder: plainText('Testing') } },
      { type: 'input', block_id: b.purposeBlock, optional: true, label: plainText('Purpose'), element: { type: 'plain_text_input', action_id: b.purposeInput, multiline: true, max_length: PURPOSE_MAX } },
      { type: 'input', block_id: b.tagsBlock, label: plainText('Tags it follows'), element: { type: 'plain_text_input', action_id: b.tagsInput, placeholder: plainText('#testing #qa') } },
      {
        type: 'input',
        block_id: b.homeBlock,
        label: plainText('Home channel'),
        hint: plainText('Learnloop must be in it.'),
        element: { type: 'conversations_select', action_id: b.homeInput, filter: { include: ['public'], exclude_bot_users: true }, ...(channelId ? { initial_conversation: channelId } : {}) },
      },
      { type: 'input', block_id: b.leadsBlock, optional: true, label: plainText('Leads (you, if empty)'), element: { type: 'multi_users_select', action_id: b.leadsInput, max_selected_items: 5 } },
    ],
  } as ModalView;
}

export function askModal(communities: readonly Community[], initial: string, sourcePermalink: string | null): ModalView {
  return {
    type: 'modal',
    callback_id: b.askView,
    private_metadata: JSON.stringify({ sourcePermalink }),
    title: plainText('Ask a community'),
    submit: plainText('Ask'),
    close: plainText('Cancel'),
    blocks: [
      { type: 'input', block_id: b.askCommunityBlock, label: plainText('Community'), element: { type: 'static_select', action_id: b.askCommunityInput, options: communities.slice(0, 100).map((c) => ({ text: plainText(truncate(c.name, 75)), value: String(c.id) })) } },
      { type: 'input', block_id: b.askTextBlock, label: plainText('Your question'), element: { type: 'plain_text_input', action_id: b.askTextInput, multiline: true, max_length: QUESTION_MAX, initial_value: truncate(initial, QUESTION_MAX) } },
      { type: 'input', block_id: b.askAnonymousBlock, optional: true, label: plainText('Your name'), element: { type: 'checkboxes', action_id: b.askAnonymousInput, options: [{ text: plainText('Ask without my name'), value: 'anonymous' }] } },
    ],
  } as ModalView;
}

export function homeSection(lines: readonly string[]): KnownBlock[] {
  return lines.length === 0 ? [] : [section(truncate(`*My communities*\n${lines.join('\n')}`, 2900), b.homeSectionBlock)];
}
