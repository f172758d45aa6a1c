import { z } from 'zod';
import type { Deps } from '../../../deps';
import { viewSubmission } from '../../../platform/slack/view-submission';
import { safeJson } from '../../../platform/slack/safe-json';
import { deliverFeedback, feedbackRefusals, storeFeedback } from '../../feedback';
import { findPerson, findProject, insertFlag, listPeople } from '../queries';
import { ids } from '../ids';
import { escapeMentions } from '../../../platform/ui/text';
import { projectReplies, stuckMessage } from '../blocks';
import { RECOGNITION_TEXT, stuckFlagKey } from '../rules';
import { postOnce } from '../../../platform/slack/post-once';
import { insertCommitment } from '../../commitments';
import { isoDateOf, localParts } from '../../../platform/time/cadence';

const b = ids.project;
const metadata = z.object({ projectId: z.number().int().positive() });

/** "We're stuck": the coach and sponsor get a DM at once, with the member's name unless they chose not to give it. */
export function projectStuckSubmitted(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId' | 'poster'>) {
  return viewSubmission(deps, { failure: 'could not send a stuck flag', errorBlock: b.stuckNoteBlock }, async ({ ack, view, client }, { teamId, userId }) => {
    const meta = metadata.safeParse(safeJson(view.private_metadata));
    const project = meta.success ? await findProject(deps.db, teamId, meta.data.projectId) : undefined;
    if (!project || project.status !== 'active') return void (await ack({ response_action: 'errors', errors: { [b.stuckNoteBlock]: projectReplies.gone } }));
    // The metadata is a hint: only the project's members raise a flag for it.
    if ((await findPerson(deps.db, teamId, project.id, userId))?.role !== 'member') return void (await ack({ response_action: 'errors', errors: { [b.stuckNoteBlock]: projectReplies.notMember } }));
    const note = (view.state.values[b.stuckNoteBlock]?.[b.stuckNoteInput]?.value ?? '').trim();
    if (note === '') return void (await ack({ response_action: 'errors', errors: { [b.stuckNoteBlock]: 'Say in a few words what is in the way.' } }));
    const anonymous = (view.state.values[b.stuckAnonymousBlock]?.[b.stuckAnonymousInput]?.selected_options ?? []).length > 0;
    // Without a name, no user id is kept at all (nor in the claim key). The flag is the claim: the same
    // flag sent twice at once (a double press) is stored, and sent, once.
    const sender = anonymous ? null : userId;
    const flag = await insertFlag(deps.db, { teamId, projectId: project.id, kind: 'stuck', userId: sender, recipientId: null, feedbackId: null, note, dedupeKey: stuckFlagKey(sender, note, deps.clock.now()) });
    await ack();
    if (!flag) return;
    const message = stuckMessage(project, sender, note);
    for (const person of (await listPeople(deps.db, teamId, project.id)).filter((p) => p.role !== 'member')) {
      await postOnce(deps.poster, { channel: person.userId, text: message.text, blocks: message.blocks }, { eventType: 'learnloop_project_stuck', payload: { flag_id: flag.id, to: person.userId } }, deps.logger).catch((error) =>
        deps.logger.warn({ err: error, teamId, projectId: project.id }, 'could not send a stuck flag'),
      );
    }
    await client.chat.postMessage({ channel: userId, text: projectReplies.stuckSent }).catch(() => undefined);
  });
}

/** "Recognise a teammate": feedback only the recipient sees (they can save it as a learning); counted only in aggregate. */
export function projectRecogniseSubmitted(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'users' | 'teamId' | 'botUserId' | 'config'>) {
  return viewSubmission(deps, { failure: 'could not send a recognition', errorBlock: b.recogniseWhoBlock }, async ({ ack, view, client }, { teamId, userId }) => {
    const meta = metadata.safeParse(safeJson(view.private_metadata));
    const project = meta.success ? await findProject(deps.db, teamId, meta.data.projectId) : undefined;
    const error = (message: string) => ack({ response_action: 'errors', errors: { [b.recogniseWhoBlock]: message } });
    if (!project || project.status !== 'active') return void (await error(projectReplies.gone));
    if ((await findPerson(deps.db, teamId, project.id, userId))?.role !== 'member') return void (await error(projectReplies.notMember));
    const recipientId = view.state.values[b.recogniseWhoBlock]?.[b.recogniseWhoInput]?.selected_user ?? '';
    if ((await findPerson(deps.db, teamId, project.id, recipientId))?.role !== 'member' || recipientId === userId) return void (await error('Pick a teammate on the project (not yourself).'));
    const note = (view.state.values[b.recogniseNoteBlock]?.[b.recogniseNoteInput]?.value ?? '').trim();
    const stored = await storeFeedback(deps, { teamId, senderId: userId, recipientId, situation: null, behaviour: null, impact: null, text: `${RECOGNITION_TEXT} (${project.name})${note ? ` ${note}` : ''}`, contextPermalink: null });
    if ('refusal' in stored) return void (await error(feedbackRefusals[stored.refusal]));
    await insertFlag(deps.db, { teamId, projectId: project.id, kind: 'recognition', userId, recipientId, feedbackId: stored.feedback.id, note: null });
    await ack();
    await deliverFeedback(deps, client, stored.feedback);
    await client.chat.postMessage({ channel: userId, text: projectReplies.recognised(recipientId) }).catch(() => undefined);
  });
}

/** "Own a next step": a learning set's "what will we try next" becomes the member's commitment, followed up on its date. */
export function projectOwnNextSubmitted(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId'>) {
  return viewSubmission(deps, { failure: 'could not save a next step', errorBlock: b.ownTextBlock }, async ({ ack, view, client }, { teamId, userId }) => {
    const meta = metadata.safeParse(safeJson(view.private_metadata));
    const project = meta.success ? await findProject(deps.db, teamId, meta.data.projectId) : undefined;
    const error = (block: string, message: string) => ack({ response_action: 'errors', errors: { [block]: message } });
    if (!project || project.status !== 'active') return void (await error(b.ownTextBlock, projectReplies.gone));
    if ((await findPerson(deps.db, teamId, project.id, userId))?.role !== 'member') return void (await error(b.ownTextBlock, projectReplies.notMember));
    const text = (view.state.values[b.ownTextBlock]?.[b.ownTextInput]?.value ?? '').trim();
    const dueDate = view.state.values[b.ownDueBlock]?.[b.ownDueInput]?.selected_date ?? '';
    if (text === '') return void (await error(b.ownTextBlock, 'Say what you will try.'));
    if (!dueDate || dueDate < isoDateOf(localParts(deps.clock.now(), project.timeZone))) return void (await error(b.ownDueBlock, 'Pick today or a later date.'));
    const commitment = await insertCommitment(deps.db, { teamId, reviewId: null, ownerId: userId, text, dueDate, createdBy: userId, createdAt: deps.clock.now() });
    await ack();
    deps.logger.info({ teamId, userId, projectId: project.id, commitmentId: commitment.id }, 'learning-set next step owned');
    await client.chat.postMessage({ channel: userId, text: `Committed: “${escapeMentions(text)}” by ${dueDate}. You'll get a reminder then.` }).catch(() => undefined);
  });
}
