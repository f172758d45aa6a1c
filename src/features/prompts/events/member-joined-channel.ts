import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { listSchedulesPausedForAccess, resumeSchedulePausedFor } from '../queries/schedules';
import { nextOccurrence } from '../../../platform/time/cadence';
import { formatInZone } from '../rules/prompt-command';
import { resumedText, welcomeMessage, type ResumedSchedule } from '../blocks/welcome';
import { describeSlackFailure } from '../../../platform/slack/slack-error';

// Pauses Learnloop made itself because it could not post: being invited back undoes them.
// A person's pause ("by @x") and an archived channel stay as they are.
const ACCESS_PAUSE_REASONS = ['not_in_channel', 'channel_not_found'] as const;

/**
 * When Learnloop is invited into a channel: schedules it paused for lack of access run again, their
 * creators hear so, and the person who invited it sees how to start (only them).
 */
export function memberJoinedChannel(deps: Pick<Deps, 'db' | 'clock' | 'logger' | 'botUserId'>) {
  return async ({ event, body, client }: SlackEventMiddlewareArgs<'member_joined_channel'> & AllMiddlewareArgs): Promise<void> => {
    if (event.user !== deps.botUserId) return;
    const teamId = body.team_id;
    const channelId = event.channel;
    const now = deps.clock.now();

    const resumed: (ResumedSchedule & { createdBy: string })[] = [];
    for (const schedule of await listSchedulesPausedForAccess(deps.db, teamId, channelId, ACCESS_PAUSE_REASONS)) {
      const nextRunAt = nextOccurrence(schedule.cadence, schedule.timeZone, now);
      if (await resumeSchedulePausedFor(deps.db, teamId, schedule.id, schedule.pausedReason ?? '', nextRunAt)) {
        resumed.push({ id: schedule.id, nextRun: formatInZone(nextRunAt, schedule.timeZone), createdBy: schedule.createdBy });
      }
    }
    if (resumed.length > 0) deps.logger.info({ teamId, channelId, schedules: resumed.map((s) => s.id) }, 'schedules resumed: Learnloop is back in the channel');

    const inviter = event.inviter;
    const tell = (call: Promise<unknown>, what: string) =>
      call.catch((error) => deps.logger.warn({ teamId, channelId, reason: describeSlackFailure(error) }, `could not ${what}`));
    if (inviter && inviter !== deps.botUserId) {
      const welcome = welcomeMessage(channelId, resumed);
      await tell(client.chat.postEphemeral({ channel: channelId, user: inviter, text: welcome.text, blocks: welcome.blocks }), 'welcome the inviter');
    }
    // Creators were told of the pause by DM; they hear of the resume the same way (the inviter saw it above).
    const byCreator = new Map<string, ResumedSchedule[]>();
    for (const schedule of resumed) {
      if (schedule.createdBy === inviter) continue;
      byCreator.set(schedule.createdBy, [...(byCreator.get(schedule.createdBy) ?? []), schedule]);
    }
    for (const [creator, schedules] of byCreator) {
      await tell(client.chat.postMessage({ channel: creator, text: `I'm back in <#${channelId}>. ${resumedText(schedules)}` }), 'tell a schedule creator');
    }
  };
}
