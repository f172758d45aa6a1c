import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps';
import { postOnce } from '../../../platform/slack/post-once';
import { isoDateOf, localParts } from '../../../platform/time/cadence';
import { updateScheduleStatus } from '../../prompts';
import { countProjectFigures, setProjectStatus, type Project } from '../queries';
import { closingMessage } from '../blocks';
import type { SteerOutcome } from './pause-or-resume';

/**
 * Closes a project: its learning sets stop, and a closing summary (counts only) goes to its channel with
 * the figures as a CSV in its thread. The status change is the claim: the summary is posted once.
 */
export async function closeProject(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'poster'> & { minGroupSize(teamId: string): Promise<number> }, client: WebClient, project: Project): Promise<SteerOutcome> {
  const now = deps.clock.now();
  if (!(await setProjectStatus(deps.db, project.teamId, project.id, ['active', 'paused'], 'closed', now))) return { kind: 'not-active', status: project.status };
  if (project.scheduleId) await updateScheduleStatus(deps.db, project.teamId, project.scheduleId, { status: 'paused', reason: 'project closed' });
  const today = isoDateOf(localParts(now, project.timeZone));
  const [figures, minGroupSize] = await Promise.all([countProjectFigures(deps.db, project, project.createdAt, today), deps.minGroupSize(project.teamId)]);
  const message = closingMessage(project, figures, minGroupSize);
  try {
    const posted = await postOnce(deps.poster, { channel: project.channelId, text: message.text, blocks: message.blocks }, { eventType: 'learnloop_project_closing', payload: { project_id: project.id } }, deps.logger);
    if (posted.kind !== 'posted') throw new Error(`closing summary outcome unknown: ${posted.reason}`);
    const csv = ['figure,value', ...Object.entries(figures).map(([key, value]) => `${key},${value}`)].join('\r\n');
    await client.files.uploadV2({ channel_id: project.channelId, thread_ts: posted.ts, file: Buffer.from(`\uFEFF${csv}\r\n`, 'utf8'), filename: `project-${project.id}-summary.csv`, title: `${project.name}: closing summary` });
  } catch (error) {
    deps.logger.warn({ err: error, teamId: project.teamId, projectId: project.id }, 'closing summary not posted');
  }
  deps.logger.info({ teamId: project.teamId, projectId: project.id }, 'project closed');
  return { kind: 'done' };
}
