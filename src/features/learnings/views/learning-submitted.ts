import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps';
import { findLearning, insertLearning, isPromptOfChannel, updateLearning, type Learning } from '../queries';
import { parseWorkspacePermalink } from '../../../platform/slack/permalink';
import {
  hasFixedOrigin,
  isPickableSource,
  learningOrigin,
  learningOriginRefusals,
  parseLearningMetadata,
  readLearningForm,
  type LearningForm,
  type LearningModalMetadata,
} from '../blocks/learning-modal';
import { learningReplies, learningSavedMessage, removedLearningCard, sharedLearningCard } from '../blocks/learnings';
import { isChannelMember, isOwnBotDm } from '../../../platform/slack/channel-access';
import { hasValidSeal } from '../../../platform/slack/form-seal';
import { ids } from '../ids';
import { notChannelMember, whatWentWrong } from '../../../platform/slack/replies';
import { tellPrivately } from '../../../platform/slack/tell-privately';
import { workspaceOf } from '../../../platform/slack/workspace-of';
import { pickedCompetencyOf, recordPickedCompetency } from '../../growth';

const b = ids.learning;
type LearningDeps = Pick<Deps, 'db' | 'logger' | 'clock' | 'audiences' | 'config' | 'users' | 'workspaceUrl' | 'teamId'>;

/** Saves the learning form (new or edited); problems go back to their fields, so nothing typed is lost. */
export function learningSubmitted(deps: LearningDeps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const fieldErrors = (errors: Record<string, string>) => ack({ response_action: 'errors', errors });
    const metadata = parseLearningMetadata(view.private_metadata);
    if (!metadata) return void (await fieldErrors({ [b.textBlock]: learningReplies.outOfDate }));
    const read = readLearningForm(view.state.values, metadata);
    if ('errors' in read) return void (await fieldErrors(read.errors));

    const teamId = workspaceOf(body, deps);
    const userId = body.user.id;
    let saved: { learning: Learning } | { refusal: string };
    try {
      saved = await save(deps, client, teamId, userId, metadata, read.form);
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId, mode: metadata.mode, learningId: metadata.learningId }, 'could not save a learning from the form');
      return void (await fieldErrors({ [b.textBlock]: whatWentWrong(error) }));
    }
    if ('refusal' in saved) return void (await fieldErrors({ [b.textBlock]: saved.refusal }));
    await ack();

    const { learning } = saved;
    // After the ack: a picked competency is a bonus to the saved learning, never a reason to refuse it.
    await recordPickedCompetency(deps.db, { teamId, itemKind: 'learning', itemId: learning.id, competencyId: pickedCompetencyOf(view.state.values), pickedBy: userId }).catch((error) =>
      deps.logger.warn({ err: error, teamId, learningId: learning.id }, 'could not record a learning’s competency'),
    );
    deps.logger.info({ teamId, userId, learningId: learning.id, mode: metadata.mode, source: learning.source }, 'learning saved from the form');
    const edited = metadata.mode === 'edit';
    await tellPrivately(client, deps.logger, { userId, responseUrl: metadata.responseUrl, channelId: edited ? metadata.channelId : learning.channelId, replaceOriginal: edited }, learningSavedMessage(learning, { edited })).catch((error) =>
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
    const origin = await checkOrigin(deps, client, teamId, userId, metadata);
    if ('refusal' in origin) {
      deps.logger.warn({ teamId, userId, channelId: metadata.channelId, reason: origin.reason }, 'refused a learning form whose origin did not check out');
      return { refusal: origin.refusal };
    }
    const learning = await insertLearning(deps.db, {
      teamId,
      userId,
      ...form,
      creditedUserId: origin.creditedUserId,
      sourcePermalink: metadata.sourcePermalink ?? null,
      sourceKind: metadata.promptId ? 'prompt' : null,
      sourceId: metadata.promptId ?? null,
      channelId: origin.channelId,
      privateChannelId: await deps.audiences.privateChannelOf(client, teamId, origin.channelId),
    });
    return { learning };
  }
  const id = metadata.learningId ?? 0;
  // A source the form does not offer (prompt, message, feedback…) stays the learning's own, whatever the metadata says.
  const existing = await findLearning(deps.db, teamId, id);
  if (existing && existing.userId === userId && !isPickableSource(existing.source)) form = { ...form, source: existing.source };
  const learning = await updateLearning(deps.db, teamId, id, userId, form, deps.clock.now());
  if (learning) return { learning };
  return { refusal: existing ? learningReplies.notAuthor(existing.userId, 'edit') : learningReplies.gone };
}

type Origin = { channelId: string | null; creditedUserId: string | null } | { refusal: string; reason: string };

/**
 * A new learning's channel, credit, link and prompt are hints from the form: its channel must be one the
 * person is in, and what only an opener sets (the message's author and link, the prompt) must carry the
 * opener's seal for this person and still point at this workspace and a real prompt; only a real colleague is credited.
 */
async function checkOrigin(deps: LearningDeps, client: WebClient, teamId: string, userId: string, metadata: LearningModalMetadata): Promise<Origin> {
  const sealed = hasFixedOrigin(metadata);
  if (sealed && !hasValidSeal(deps.config, { teamId, userId, ...learningOrigin(metadata) }, metadata.seal)) return { refusal: learningOriginRefusals.edited, reason: 'seal' };
  let channelId = metadata.channelId ?? null;
  if (channelId?.startsWith('D')) {
    // A DM has no members to ask: a sealed one came from Slack, the person's own DM with Learnloop is theirs; any other is dropped.
    if (!sealed && !(await isOwnBotDm(client, channelId, userId))) channelId = null;
  } else if (channelId && !(await isChannelMember(client, teamId, channelId, userId))) {
    return { refusal: notChannelMember('save a learning from a channel'), reason: 'not_member' };
  }
  if (metadata.sourcePermalink !== undefined && parseWorkspacePermalink(deps.workspaceUrl, metadata.sourcePermalink)?.channelId !== (channelId ?? undefined)) {
    return { refusal: learningOriginRefusals.edited, reason: 'permalink' };
  }
  let creditedUserId: string | null = null;
  if (metadata.creditedUserId !== undefined && metadata.creditedUserId !== userId) {
    // The sealed author of the message: credited only when Slack knows them as a person of this workspace (not an app, not gone).
    const credited = await deps.users.find(metadata.creditedUserId);
    if (credited && !credited.isBot && !credited.deleted && (credited.teamId === undefined || credited.teamId === teamId)) creditedUserId = credited.id;
  }
  if (metadata.promptId !== undefined) {
    if (!(await isPromptOfChannel(deps.db, teamId, metadata.promptId, channelId))) return { refusal: learningOriginRefusals.promptGone, reason: 'prompt' };
  }
  return { channelId, creditedUserId };
}
