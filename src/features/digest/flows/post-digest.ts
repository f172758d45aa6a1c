import type { Deps } from '../../../deps';
import { markDigest } from '../queries/digests';
import { digestChartAltText, digestChartSvg } from '../chart-svg';
import { digestMessage } from '../blocks';
import { renderPng } from '../../../platform/chart/chart';
import { listHumanMembers } from '../../../platform/slack/channel-members';
import { computeDigest } from './digest-figures';
import { describeSlackFailure } from '../../../platform/slack/slack-error';
import { postOnce } from '../../../platform/slack/post-once';
import { growthDigestLine } from '../../growth';

class DigestOutcomeUnknown extends Error {}

export type DigestOutcome = { kind: 'posted'; ts: string } | { kind: 'failed'; reason: string };

/**
 * Computes and posts a claimed digest, then its chart in the thread; records the outcome. `timeZone`: the
 * calendar the digest is read in (its schedule's, or the asker's for `digest now`). When Slack's answer is
 * unclear and the channel cannot be read, `keepClaimOnUnknown` leaves the digest claimed for the job's
 * stale-claim recovery, which passes `lookFirstSince`; otherwise it is recorded as failed.
 */
export async function postDigest(
  deps: Deps,
  digest: { id: number; teamId: string; channelId: string; scheduledFor: Date; timeZone: string },
  options: { keepClaimOnUnknown?: boolean; lookFirstSince?: number } = {},
): Promise<DigestOutcome> {
  const { teamId, channelId } = digest;
  let ts: string;
  let figures;
  try {
    const members = await listHumanMembers(deps, deps.slack, channelId);
    figures = await computeDigest(deps, { teamId, channelId, periodEnd: digest.scheduledFor, members, timeZone: digest.timeZone });
    const growthLine = await growthDigestLine(deps.db, teamId, digest.scheduledFor, figures.minGroupSize).catch((error) => {
      deps.logger.warn({ err: error, teamId, digestId: digest.id }, 'digest growth line left out');
      return null;
    });
    const message = digestMessage(figures, { growthLine });
    const posted = await postOnce(
      deps.poster,
      { channel: channelId, text: message.text, blocks: message.blocks, unfurl_links: false },
      { eventType: 'learnloop_digest', payload: { digest_id: digest.id } },
      deps.logger,
      options.lookFirstSince === undefined ? {} : { lookFirstSince: options.lookFirstSince },
    );
    if (posted.kind === 'unknown') {
      if (!options.keepClaimOnUnknown) throw new DigestOutcomeUnknown(posted.reason);
      // Still claimed: the recovery looks in the channel before it posts, so never twice.
      deps.logger.warn({ teamId, channelId, digestId: digest.id, reason: posted.reason }, 'digest outcome unknown; left for the stale-claim recovery');
      return { kind: 'failed', reason: posted.reason };
    }
    ts = posted.ts;
    await markDigest(deps.db, teamId, digest.id, { status: 'posted', messageTs: ts, humanMembers: members.length });
  } catch (error) {
    const reason = error instanceof DigestOutcomeUnknown ? error.message : describeSlackFailure(error);
    deps.logger.warn({ err: error, teamId, channelId, digestId: digest.id }, 'digest not posted');
    await markDigest(deps.db, teamId, digest.id, { status: 'failed', reason }).catch(() => undefined);
    return { kind: 'failed', reason };
  }
  // The chart is a bonus: a failed upload leaves the posted digest as it is.
  try {
    const png = await renderPng(digestChartSvg(figures.weeks));
    await deps.slack.files.uploadV2({
      channel_id: channelId,
      thread_ts: ts,
      file: png,
      filename: 'learning-digest.png',
      title: 'Replies and participation, last 8 weeks',
      alt_text: digestChartAltText(figures.weeks),
    });
  } catch (error) {
    deps.logger.warn({ err: error, teamId, channelId, digestId: digest.id }, 'digest chart not uploaded');
  }
  deps.logger.info({ teamId, channelId, digestId: digest.id }, 'digest posted');
  return { kind: 'posted', ts };
}
