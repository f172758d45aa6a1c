import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps';
import { findLearning, insertLearning, updateLearning, type Learning } from '../queries';
import { parseLearningMetadata, readLearningForm, type LearningForm, type LearningModalMetadata } from '../blocks/learning-modal';
import { learningReplies, learningSavedMessage, removedLearningCard, sharedLearningCard } from '../blocks/learnings';
import { ids } from '../ids';
import { SOMETHING_WENT_WRONG } from '../../../platform/slack/replies';
import { tellPrivately } from '../../../platform/slack/tell-privately';

const b = ids.learning;
type LearningDeps = Pick<Deps, 'db' | 'logger' | 'clock' | 'audiences'>;

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
      saved = await save(deps, client, teamId, userId, metadata, read.form);
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId, mode: metadata.mode, learningId: metadata.learningId }, 'could not save a learning from the form');
      return void (await fieldErrors({ [b.textBlock]: SOMETHING_WENT_WRONG }));
    }
    if ('refusal' in saved) return void (await fieldErrors({ [b.textBlock]: saved.refusal }));
    await ack();

    const { learning } = saved;
    deps.logger.info({ teamId, userId, learningId: learning.id, mode: metadata.mode, source: learning.source }, 'learning saved from the form');
    const edited = metadata.mode === 'edit';
    await tellPrivately(client, deps.logger, { userId, responseUrl: metadata.responseUrl, channelId: metadata.channelId, replaceOriginal: edited }, learningSavedMessage(learning, { edited })).catch((error) =>
      deps.logger.warn({ err: error, teamId, userId }, 'could not confirm a saved learning'),
    );
    if (edited && learning.sharedChannelId && learning.sharedTs) {
      const card = learning.visibility === 'team' ? sharedLearningCard(learning) : removedLearningCard('private');
      await client.chat
        .update({ channel: learning.sharedChannelId, ts: learning.sharedTs, text: card.text, blocks: card.blocks })
        .catch((error) => deps.logger.warn({ err: error, teamId, learningId: learning.id }, 'could not update a shared learning card'));
    }
  };
}

async function save(deps: LearningDeps, client: WebClient, teamId: string, userId: string, metadata: LearningModalMetadata, form: LearningForm): Promise<{ learning: Learning } | { refusal: string }> {
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
      privateChannelId: await deps.audiences.privateChannelOf(client, teamId, metadata.channelId),
    });
    return { learning };
  }
  const id = metadata.learningId ?? 0;
  const learning = await updateLearning(deps.db, teamId, id, userId, form, deps.clock.now());
  if (learning) return { learning };
  const existing = await findLearning(deps.db, teamId, id);
  return { refusal: existing ? learningReplies.notAuthor(existing.userId, 'edit') : learningReplies.gone };
}
