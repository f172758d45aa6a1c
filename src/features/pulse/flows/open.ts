import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps';
import { enqueueDm } from '../../../platform/scheduler/scheduled-dms';
import { listHumanMembers } from '../../../platform/slack/channel-members';
import { claimRun, findStatements, insertInvitees, markRunFailed, releaseRun } from '../queries';
import { CHANNEL_GONE_ERRORS, slackErrorCode } from '../../../platform/slack/slack-error';
import { OPEN_MS, REMIND_BEFORE_CLOSE_MS } from '../rules';
import { inviteMessage } from '../blocks';

export const PULSE_INVITE = 'pulse_invite';
export const PULSE_REMINDER = 'pulse_reminder';

export type OpenPulseResult = { kind: 'started'; runId: number; invited: number } | { kind: 'already_open' } | { kind: 'claimed_elsewhere' } | { kind: 'no_members' } | { kind: 'failed' } | { kind: 'retry' };

// A Slack hiccup while listing the channel's people is tried again on later ticks for this long.
const RETRY_OPENING_MS = 60 * 60 * 1000;

/**
 * Opens one pulse in a channel: the run is claimed in PostgreSQL first (one per occurrence, none while
 * another is open), then the channel's people are listed and each gets one DM through the shared queue
 * (its budget, quiet hours and away status; sent once across processes).
 */
export async function openPulse(
  deps: Pick<Deps, 'db' | 'logger' | 'users' | 'botUserId' | 'audiences'>,
  client: WebClient,
  input: { teamId: string; channelId: string; scheduledFor: Date; now: Date; /** A scheduled occurrence may be tried again; `pulse now` answers at once. */ retryable?: boolean },
): Promise<OpenPulseResult> {
  const { teamId, channelId, now } = input;
  const statements = await findStatements(deps.db, teamId);
  const run = await claimRun(deps.db, { teamId, channelId, scheduledFor: input.scheduledFor, statements, now, closesAt: new Date(now.getTime() + OPEN_MS), remindAt: new Date(now.getTime() + OPEN_MS - REMIND_BEFORE_CLOSE_MS) });
  if (run === 'open') return { kind: 'already_open' };
  if (!run) return { kind: 'claimed_elsewhere' };
  let members: string[];
  let privateChannelId: string | null;
  try {
    [members, privateChannelId] = await Promise.all([listHumanMembers(deps, client, channelId), deps.audiences.privateChannelOf(client, teamId, channelId)]);
  } catch (error) {
    // A channel that is gone, or an occurrence an hour late, is given up; otherwise the claim is given back
    // and a later tick opens the same occurrence, so a passing Slack error does not cost the team a month.
    const givingUp = CHANNEL_GONE_ERRORS[slackErrorCode(error) ?? ''] !== undefined || now.getTime() - input.scheduledFor.getTime() >= RETRY_OPENING_MS || !input.retryable;
    deps.logger.warn({ err: error, teamId, channelId, pulseRunId: run.id, givingUp }, 'pulse not sent: channel members unknown');
    if (givingUp) await markRunFailed(deps.db, teamId, run.id, now);
    else await releaseRun(deps.db, teamId, run.id);
    return { kind: givingUp ? 'failed' : 'retry' };
  }
  if (members.length === 0) {
    await markRunFailed(deps.db, teamId, run.id, now);
    return { kind: 'no_members' };
  }
  await insertInvitees(deps.db, teamId, run.id, members, privateChannelId);
  const message = inviteMessage(run);
  for (const userId of members) {
    await enqueueDm(deps.db, { teamId, userId, kind: PULSE_INVITE, dedupeKey: `${PULSE_INVITE}:${run.id}:${userId}`, payload: { pulseRunId: run.id, text: message.text, blocks: message.blocks }, dueAt: now, onlyUsefulOnDay: false });
  }
  deps.logger.info({ teamId, channelId, pulseRunId: run.id, invited: members.length }, 'pulse opened');
  return { kind: 'started', runId: run.id, invited: members.length };
}
