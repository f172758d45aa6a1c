import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { readStartForm, reviewPermalink, reviewReplies, startMetadataSchema } from '../blocks';
import { isChannelMember } from '../../../platform/slack/channel-access';
import { startReply } from '../commands/review';
import { ids } from '../ids';
import { notChannelMember, whatWentWrong } from '../../../platform/slack/replies';
import { prepareReviewStart, startReview } from '../flows/start';
import { tellPrivately } from '../../../platform/slack/tell-privately';
import { parseJson } from '../../../platform/slack/safe-json';
import { workspaceOf } from '../../../platform/slack/workspace-of';

const b = ids.review;

/** The start form (from `/review` alone or "Start a review on this"): checked, then the review starts. */
export function reviewStartSubmitted(deps: Deps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const fieldErrors = (errors: Record<string, string>) => ack({ response_action: 'errors', errors });
    const metadata = parseJson(startMetadataSchema, view.private_metadata);
    if (!metadata) return void (await fieldErrors({ [b.titleBlock]: reviewReplies.outOfDate }));
    const read = readStartForm(view.state.values as never, deps.clock.now());
    if ('errors' in read) return void (await fieldErrors(read.errors));
    const teamId = workspaceOf(body, deps);
    const userId = body.user.id;
    try {
      // Checked before the ack, so the answer lands on the form and nothing typed is lost. The channel in
      // the metadata is a hint: only someone in it may start a review there.
      if (!(await isChannelMember(client, teamId, metadata.channelId, userId))) {
        deps.logger.warn({ teamId, userId, channelId: metadata.channelId }, 'refused a review form for a channel its submitter is not in');
        return void (await fieldErrors({ [b.titleBlock]: notChannelMember('start a review') }));
      }
      const refusal = await prepareReviewStart(deps, client, { teamId, channelId: metadata.channelId, sourceTs: metadata.sourceTs ?? null });
      if (refusal?.kind === 'exists') return void (await fieldErrors({ [b.titleBlock]: reviewReplies.exists(reviewPermalink(deps.workspaceUrl, refusal.review), refusal.review.title) }));
      if (refusal?.kind === 'not_in_channel') return void (await fieldErrors({ [b.titleBlock]: reviewReplies.notInChannel }));
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId, channelId: metadata.channelId }, 'could not check the review form');
      return void (await fieldErrors({ [b.titleBlock]: whatWentWrong(error) }));
    }
    await ack();
    try {
      const input = { teamId, channelId: metadata.channelId, userId, ...read.form, trigger: metadata.trigger, sourceTs: metadata.sourceTs ?? null };
      const result = await startReview(deps, client, input, { prepared: true });
      const reply = startReply(deps, result);
      if (reply) await tellPrivately(client, deps.logger, { userId, responseUrl: metadata.responseUrl, channelId: metadata.channelId }, reply.text);
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId, channelId: metadata.channelId }, 'could not start a review from the form');
      await tellPrivately(client, deps.logger, { userId, responseUrl: metadata.responseUrl, channelId: metadata.channelId }, whatWentWrong(error)).catch(() => undefined);
    }
  };
}
