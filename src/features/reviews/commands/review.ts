import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps';
import { countOpenCommitments, findLatestOpenReview, listChannelReviews, listOpenCommitmentsForChannel } from '../queries';
import { localParts } from '../../../platform/time/cadence';
import { isHelpRequest } from '../../help';
import { isOverdue, parseReviewCommand } from '../rules';
import { topicHelpBlocks, topicHelpText } from '../../help';
import { reviewListMessage, reviewPermalink, reviewReplies, startReviewModal } from '../blocks';
import { closeOutcomeText, requestCloseReview } from '../flows/close';
import { ephemeral, whatWentWrong, type EphemeralReply } from '../../../platform/slack/replies';
import { startReview, type StartReviewResult } from '../flows/start';
import { botIsInChannel, isDirectMessage } from '../../../platform/slack/channels';
import type { ReviewWiring } from '../wiring';

/** `/review TITLE` starts a review here; alone it opens the form; `list` and `close` manage the channel's reviews. */
export function reviewCommand(deps: Deps, wiring: ReviewWiring = {}) {
  return async ({ ack, command, client, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    if (isHelpRequest(command.text ?? '')) return void (await ack(ephemeral(topicHelpText('review'), topicHelpBlocks('review'))));
    if (isDirectMessage(command)) return void (await ack(ephemeral(reviewReplies.needsChannel)));
    const parsed = parseReviewCommand(command.text ?? '');
    if (parsed.kind === 'invalid') return void (await ack(ephemeral(parsed.error)));
    await ack();
    try {
      const reply = await run(deps, client, command, parsed, wiring);
      if (reply) await respond(reply);
    } catch (error) {
      deps.logger.error({ err: error, teamId: command.team_id, userId: command.user_id, channelId: command.channel_id, kind: parsed.kind }, '/review failed');
      await respond(ephemeral(whatWentWrong(error))).catch(() => undefined);
    }
  };
}

async function run(deps: Deps, client: WebClient, command: SlashCommand, parsed: Exclude<ReturnType<typeof parseReviewCommand>, { kind: 'invalid' }>, wiring: ReviewWiring): Promise<EphemeralReply | void> {
  const teamId = command.team_id;
  const channelId = command.channel_id;
  switch (parsed.kind) {
    case 'open-modal':
      if (!(await botIsInChannel(client, channelId))) return ephemeral(reviewReplies.notInChannel);
      await client.views.open({ trigger_id: command.trigger_id, view: startReviewModal({ channelId, trigger: 'modal', responseUrl: command.response_url }) });
      return;
    case 'start':
      return startReply(deps, await startReview(deps, client, { teamId, channelId, userId: command.user_id, title: parsed.title, trigger: 'command' }));
    case 'close': {
      const review = await findLatestOpenReview(deps.db, teamId, channelId);
      if (!review) return ephemeral(reviewReplies.noOpenReview);
      const outcome = await requestCloseReview(deps, client, { teamId, reviewId: review.id, userId: command.user_id });
      if (outcome.kind === 'closed') await wiring.afterPersonCloses?.(client, { teamId, reviewId: review.id, channelId, userId: command.user_id });
      const text = closeOutcomeText(outcome);
      return text ? ephemeral(text) : undefined;
    }
    case 'list':
      return listReviews(deps, teamId, channelId, command.user_id);
  }
}

/** Errors only: a started review speaks for itself in the channel. */
export function startReply(deps: Pick<Deps, 'workspaceUrl'>, result: StartReviewResult): EphemeralReply | void {
  if (result.kind === 'not_in_channel') return ephemeral(reviewReplies.notInChannel);
  if (result.kind === 'exists') {
    return ephemeral(reviewReplies.exists(reviewPermalink(deps.workspaceUrl, result.review), result.review.title));
  }
}

async function listReviews(deps: Deps, teamId: string, channelId: string, userId: string): Promise<EphemeralReply> {
  const [{ open, closed }, commitments] = await Promise.all([
    listChannelReviews(deps.db, teamId, channelId),
    listOpenCommitmentsForChannel(deps.db, teamId, channelId, { limit: 50 }),
  ]);
  const openCommitments = await countOpenCommitments(deps.db, teamId, open.map((r) => r.id));
  const today = localParts(deps.clock.now(), await deps.users.timeZoneOf(userId)).isoDate;
  const overdue = commitments.filter((c) => isOverdue(c, today));
  const message = reviewListMessage({ channelId, open, closed, openCommitments, overdue, workspaceUrl: deps.workspaceUrl });
  return ephemeral(message.text, message.blocks);
}
