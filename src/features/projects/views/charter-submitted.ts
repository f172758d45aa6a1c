import type { Deps } from '../../../deps';
import { viewSubmission } from '../../../platform/slack/view-submission';
import { postOnce } from '../../../platform/slack/post-once';
import { botIsInChannel } from '../../../platform/slack/channels';
import { isChannelMember } from '../../../platform/slack/channel-access';
import { isoDateOf, localParts } from '../../../platform/time/cadence';
import { ids } from '../ids';
import { checkCharter, type CharterField } from '../rules';
import { createProject } from '../flows/create-project';
import { projectReplies } from '../blocks';

const b = ids.project;
const FIELD_BLOCKS: Record<CharterField, string> = {
  name: b.nameBlock, challenge: b.challengeBlock, sponsor: b.sponsorBlock, coach: b.coachBlock, members: b.membersBlock, channel: b.channelBlock,
  starts: b.startsBlock, ends: b.endsBlock, hours: b.hoursBlock, cadence: b.cadenceBlock, time: b.timeBlock, wave: b.waveBlock,
};

/**
 * The charter form: every field checked where it is, then the channel (Learnloop must be in it, and so
 * must the submitter, the members and the coach), then the project is set up after the answer.
 */
export function projectCharterSubmitted(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'users' | 'audiences' | 'teamId' | 'poster'>) {
  return viewSubmission(deps, { failure: 'could not start a project', errorBlock: b.nameBlock }, async ({ ack, view, client }, { teamId, userId }) => {
    const v = view.state.values;
    const text = (block: string, input: string) => v[block]?.[input]?.value ?? '';
    const timeZone = await deps.users.timeZoneOf(userId);
    const today = isoDateOf(localParts(deps.clock.now(), timeZone));
    const checked = checkCharter(
      {
        name: text(b.nameBlock, b.nameInput),
        challenge: text(b.challengeBlock, b.challengeInput),
        sponsorId: v[b.sponsorBlock]?.[b.sponsorInput]?.selected_user ?? null,
        coachId: v[b.coachBlock]?.[b.coachInput]?.selected_user ?? null,
        memberIds: v[b.membersBlock]?.[b.membersInput]?.selected_users ?? [],
        channelId: v[b.channelBlock]?.[b.channelInput]?.selected_conversation ?? null,
        startsOn: v[b.startsBlock]?.[b.startsInput]?.selected_date ?? null,
        endsOn: v[b.endsBlock]?.[b.endsInput]?.selected_date ?? null,
        hours: text(b.hoursBlock, b.hoursInput),
        cadence: v[b.cadenceBlock]?.[b.cadenceInput]?.selected_option?.value ?? '',
        setTime: text(b.timeBlock, b.timeInput),
        wave: text(b.waveBlock, b.waveInput),
      },
      today,
    );
    if ('errors' in checked) {
      const errors = Object.fromEntries(Object.entries(checked.errors).map(([field, message]) => [FIELD_BLOCKS[field as CharterField], message]));
      return void (await ack({ response_action: 'errors', errors }));
    }
    const { charter } = checked;
    if (!(await botIsInChannel(client, charter.channelId))) return void (await ack({ response_action: 'errors', errors: { [b.channelBlock]: 'Learnloop is not in that channel yet: invite it with /invite @Learnloop, then submit again.' } }));
    // The form's people are hints: the channel must really hold them (a private channel's members, not a guess).
    const outside: string[] = [];
    for (const person of [userId, ...charter.memberIds, ...(charter.coachId ? [charter.coachId] : [])]) {
      if (!(await isChannelMember(client, teamId, charter.channelId, person))) outside.push(person);
    }
    if (outside.length > 0) {
      const block = outside.includes(userId) ? b.channelBlock : outside.every((id) => id === charter.coachId) ? b.coachBlock : b.membersBlock;
      // Form errors are plain text: names, not mentions.
      const names = await Promise.all(outside.filter((id) => id !== userId).map(async (id) => (await deps.users.find(id).catch(() => null))?.name ?? id));
      const message = outside.includes(userId) ? 'You are not in that channel; pick one you are in.' : `Not in the project channel yet: ${names.join(', ')}. Add them to it, then submit again.`;
      return void (await ack({ response_action: 'errors', errors: { [block]: message } }));
    }
    await ack();
    // Slack sends a form submitted twice (a double press) with the same view id: one project.
    const project = await createProject(deps, client, { teamId, userId, charter, timeZone, submissionKey: `view:${view.id}` });
    if (!project) return;
    await postOnce(deps.poster, { channel: userId, text: projectReplies.created(project, charter.warnings) }, { eventType: 'learnloop_project_created', payload: { project_id: project.id } }, deps.logger).catch(() => undefined);
  });
}
