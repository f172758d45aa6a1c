import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../deps';
import { findLearning, insertLearning, updateLearning, type Learning } from '../../db/queries/learnings';
import { parseLearningMetadata, readLearningForm, type LearningForm, type LearningModalMetadata } from '../blocks/learning-modal';
import { learningReplies, learningSavedMessage, removedLearningCard, sharedLearningCard, type Message } from '../blocks/learnings';
import { ids } from '../ids';
import { SOMETHING_WENT_WRONG } from '../replies';

const b = ids.learning;
type LearningDeps = Pick<Deps, 'db' | 'logger' | 'clock'>;

/** Saves the learning form (new or edited); problems go back to their fields, so nothing typed is lost. */
export function learningSubmitted(deps: LearningDeps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const fieldErrors = (errors: Record<string, string>) => ack({ response_action: 'errors', errors });
    const metadata = parseLearningMetadata(view.private_metadata);
    if (!metadata) return void (await fieldErrors({ [b.textBlock]: learningReplies.outOfDate }));
    const read = readLearningForm(view.state.values, metadata);
    if ('errors' in read) return void (await fieldErrors(read.errors));

    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const userId = body.user.id;
    let saved: { learning: Learning } | { refusal: string };
    try {
      saved = await save(deps, teamId, userId, metadata, read.form);
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId, mode: metadata.mode, learningId: metadata.learningId }, 'could not save a learning from the form');
      return void (await fieldErrors({ [b.textBlock]: SOMETHING_WENT_WRONG }));
    }
    if ('refusal' in saved) return void (await fieldErrors({ [b.textBlock]: saved.refusal }));
    await ack();

    const { learning } = saved;
    deps.logger.info({ teamId, userId, learningId: learning.id, mode: metadata.mode, source: learning.source }, 'learning saved from the form');
    const edited = metadata.mode === 'edit';
    await confirmPrivately(deps, client, { ...metadata, userId, replaceOriginal: edited }, learningSavedMessage(learning, { edited }));
    if (edited && learning.sharedChannelId && learning.sharedTs) {
      const card = learning.visibility === 'team' ? sharedLearningCard(learning) : removedLearningCard('private');
      await client.chat
        .update({ channel: learning.sharedChannelId, ts: learning.sharedTs, text: card.text, blocks: card.blocks })
        .catch((error) => deps.logger.warn({ err: error, teamId, learningId: learning.id }, 'could not update a shared learning card'));
    }
  };
}

async function save(deps: LearningDeps, teamId: string, userId: string, metadata: LearningModalMetadata, form: LearningForm): Promise<{ learning: Learning } | { refusal: string }> {
  if (metadata.mode === 'create') {
    const learning = await insertLearning(deps.db, {
      teamId,
      userId,
      ...form,
      creditedUserId: metadata.creditedUserId && metadata.creditedUserId !== userId ? metadata.creditedUserId : null,
      sourcePermalink: metadata.sourcePermalink ?? null,
      sourceKind: metadata.promptId ? 'prompt' : null,
      sourceId: metadata.promptId ?? null,
      channelId: metadata.channelId ?? null,
    });
    return { learning };
  }
  const id = metadata.learningId ?? 0;
  const learning = await updateLearning(deps.db, teamId, id, userId, form, deps.clock.now());
  if (learning) return { learning };
  const existing = await findLearning(deps.db, teamId, id);
  return { refusal: existing ? learningReplies.notAuthor(existing.userId, 'edit') : learningReplies.gone };
}

/**
 * Shows the confirmation only to its author: through the response_url of what opened the form (it lasts
 * 30 minutes), else as an ephemeral message in the channel, else in the app's DM.
 */
async function confirmPrivately(
  deps: LearningDeps,
  client: WebClient,
  target: { responseUrl?: string; channelId?: string; userId: string; replaceOriginal: boolean },
  message: Message,
): Promise<void> {
  const log = (error: unknown, how: string) => deps.logger.warn({ err: error, userId: target.userId, channelId: target.channelId, how }, 'could not confirm a saved learning');
  if (target.responseUrl) {
    const body = { response_type: 'ephemeral', replace_original: target.replaceOriginal, text: message.text, blocks: message.blocks };
    const sent = await fetch(target.responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(5_000) })
      .then((response) => response.ok)
      .catch((error) => (log(error, 'response_url'), false));
    if (sent) return;
  }
  if (target.channelId) {
    const posted = await client.chat
      .postEphemeral({ channel: target.channelId, user: target.userId, text: message.text, blocks: message.blocks })
      .then(() => true, (error) => (log(error, 'postEphemeral'), false));
    if (posted) return;
  }
  await client.chat.postMessage({ channel: target.userId, text: message.text, blocks: message.blocks }).catch((error) => log(error, 'dm'));
}
