import type { Deps } from '../../../deps';
import { renderPng } from '../../../platform/chart/chart';
import { postOnce } from '../../../platform/slack/post-once';
import { truncate } from '../../../platform/ui/text';
import { listOpenChannelCommitments } from '../../commitments';
import { findMinGroupSize } from '../../digest';
import { listFreeTexts, listSheets, setResultsTs, type PulseRun } from '../queries';
import { shuffle } from '../rules';
import { resultsMessage } from '../blocks';
import { pulseRadarAltText, pulseRadarSvg } from '../chart-svg';
import { pulseResults } from './results';

/**
 * Posts a closed pulse's results in its channel (the run was claimed closed before this, so once): per
 * statement the average and spread, the trend, the lowest statement beside the channel's open
 * commitments and the free text, shuffled; then the radar chart against the previous pulse.
 */
export async function postPulseResults(deps: Pick<Deps, 'db' | 'logger' | 'poster' | 'slack'>, run: PulseRun, options: { retry?: boolean } = {}): Promise<'posted' | 'failed'> {
  const { teamId, channelId } = run;
  const [sheets, texts, minGroupSize] = await Promise.all([listSheets(deps.db, teamId, run.id), listFreeTexts(deps.db, teamId, run.id), findMinGroupSize(deps.db, teamId)]);
  const results = await pulseResults(deps.db, run, sheets, minGroupSize);
  const enough = sheets.length >= minGroupSize;
  const commitments = results.lowest ? await listOpenChannelCommitments(deps.db, teamId, channelId, 3) : [];
  const message = resultsMessage({
    channelId, answered: sheets.length, invited: Math.max(run.invitedCount, sheets.length), minGroupSize, statements: run.statements,
    figures: results.figures, trends: results.trends, lowest: results.lowest, commitments,
    freeTexts: enough ? shuffle(texts) : [], hadFreeText: texts.length > 0,
  });
  // A retry looks in the channel first: the try before may have reached Slack.
  const lookFirst = options.retry && run.closedAt ? { lookFirstSince: Math.floor(run.closedAt.getTime() / 1000) - 60 } : {};
  const posted = await postOnce(deps.poster, { channel: channelId, text: message.text, blocks: message.blocks, unfurl_links: false }, { eventType: 'learnloop_pulse_results', payload: { pulse_run_id: run.id } }, deps.logger, lookFirst);
  if (posted.kind !== 'posted') {
    deps.logger.warn({ teamId, channelId, pulseRunId: run.id, reason: posted.reason }, 'pulse results not posted');
    return 'failed';
  }
  await setResultsTs(deps.db, teamId, run.id, posted.ts);
  // The chart shows only figures the post shows; with none, there is no chart. A results post found
  // again (an earlier try got through) may have its chart already: it is not uploaded twice.
  if (results.figures.some((figure) => figure !== null) && !posted.found) {
    const current = results.figures.map((figure) => figure?.average ?? null);
    try {
      await deps.slack.files.uploadV2({
        channel_id: channelId,
        file: await renderPng(pulseRadarSvg(run.statements, current, results.previous)),
        filename: 'team-learning-pulse.png',
        title: 'Team learning pulse: this pulse and the previous one',
        alt_text: truncate(pulseRadarAltText(run.statements, current, results.previous), 1000),
      });
    } catch (error) {
      deps.logger.warn({ err: error, teamId, channelId, pulseRunId: run.id }, 'pulse chart not uploaded');
    }
  }
  deps.logger.info({ teamId, channelId, pulseRunId: run.id, answered: sheets.length }, 'pulse results posted');
  return 'posted';
}
