import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { findReview, upsertReflection } from '../queries';
import { readReflectionForm, reflectionMetadataSchema, reviewReplies } from '../blocks';
import { isChannelMember } from '../../../platform/slack/channel-access';
import { ids } from '../ids';
import { notChannelMember, whatWentWrong } from '../../../platform/slack/replies';
import { parseJson } from '../../../platform/slack/safe-json';
import { workspaceOf } from '../../../platform/slack/workspace-of';
import { pickedCompetencyOf, recordPickedCompetency } from '../../growth';

const b = ids.review;

/** Saves a reflection (a second one from the same person replaces the first); problems go back to the fields. */
export function reviewReflectionSubmitted(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId'>) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const fieldErrors = (errors: Record<string, string>) => ack({ response_action: 'errors', errors });
    const metadata = parseJson(reflectionMetadataSchema, view.private_metadata);
    if (!metadata) return void (await fieldErrors({ [b.expectedBlock]: reviewReplies.outOfDate }));
    const read = readReflectionForm(view.state.values as never);
    if ('errors' in read) return void (await fieldErrors(read.errors));
    const teamId = workspaceOf(body, deps);
    const userId = body.user.id;
    let saved: { created: boolean; title: string; channelId: string };
    try {
      const review = await findReview(deps.db, teamId, metadata.reviewId);
      if (!review) return void (await fieldErrors({ [b.expectedBlock]: reviewReplies.gone }));
      // The metadata is a hint: only someone in the review's channel may reflect on it, and a refusal names nothing of it.
      if (!(await isChannelMember(client, teamId, review.channelId, userId))) {
        deps.logger.warn({ teamId, userId, reviewId: review.id }, 'refused a reflection from outside the review’s channel');
        return void (await fieldErrors({ [b.expectedBlock]: notChannelMember('add a reflection to a review') }));
      }
      if (review.status !== 'open') return void (await fieldErrors({ [b.expectedBlock]: reviewReplies.closed }));
      const { created, reflection } = await upsertReflection(deps.db, { teamId, reviewId: review.id, userId, ...read.answers, anonymous: read.anonymous }, deps.clock.now());
      await recordPickedCompetency(deps.db, { teamId, itemKind: 'reflection', itemId: reflection.id, competencyId: pickedCompetencyOf(view.state.values), pickedBy: userId });
      saved = { created, title: review.title, channelId: review.channelId };
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId, reviewId: metadata.reviewId }, 'could not save a reflection');
      return void (await fieldErrors({ [b.expectedBlock]: whatWentWrong(error) }));
    }
    await ack();
    deps.logger.info({ teamId, userId, reviewId: metadata.reviewId, created: saved.created, anonymous: read.anonymous }, 'reflection saved');
    const text = saved.created ? reviewReplies.reflectionSaved(saved.title) : reviewReplies.reflectionUpdated(saved.title);
    await client.chat
      .postEphemeral({ channel: saved.channelId, user: userId, text })
      .catch((error) => deps.logger.warn({ err: error, teamId, userId, reviewId: metadata.reviewId }, 'could not confirm a saved reflection'));
  };
}
