import type { SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps';
import { deleteSchedule, findSchedule, insertSchedule, listChannelSchedules, updateScheduleNudge, updateScheduleStatus, type PromptSchedule } from '../queries/schedules';
import { deletePromptSkip, findPromptSkip, insertPromptSkip, listPromptSkips } from '../queries/skips';
import { insertRequestedPrompt, listPromptHistory } from '../queries/prompts';
import { describeCadence, localParts, nextOccurrence } from '../../../platform/time/cadence';
import { canManage, isLearnloopAdmin, type Actor } from '../../../platform/slack/permissions';
import { formatInZone, parsePromptCommand, type PromptCommand } from '../rules/prompt-command';
import { findClashingSchedule } from '../rules/occurrences';
import { promptScheduleModal } from '../blocks/schedule-modal';
import { promptHistoryMessage, promptReplies, scheduleCreatedMessage, scheduleListMessage, skipListMessage, type Message } from '../blocks/schedules';
import { postPrompt } from '../flows/post-prompt';
import { ephemeral, type EphemeralReply } from '../../../platform/slack/replies';
import { slackErrorCode } from '../../../platform/slack/slack-error';
import { botIsInChannel, isDirectMessage } from '../../../platform/slack/channels';
import { actorFor } from '../../../platform/slack/permissions';
import type { SubcommandHandler } from '../../../platform/slack/subcommand';

type Reply = Promise<EphemeralReply | void>;

/** Everything one `/learnloop prompts` run works with. */
interface Run {
  deps: Deps;
  client: WebClient;
  command: SlashCommand;
  teamId: string;
  channelId: string;
  userId: string;
  now: Date;
  viewerTimeZone: string;
}

const reply = (message: Message): EphemeralReply => ephemeral(message.text, message.blocks);

/** `/learnloop prompts …`: the schedule form, or schedules, skips and history managed as text. */
export function promptsSubcommand(deps: Deps): SubcommandHandler {
  return async ({ command, rest, client }) => {
    if (isDirectMessage(command)) return ephemeral(promptReplies.needsChannel('Prompts'));
    const now = deps.clock.now();
    const viewerTimeZone = await deps.users.timeZoneOf(command.user_id);
    const run: Run = { deps, client, command, teamId: command.team_id, channelId: command.channel_id, userId: command.user_id, now, viewerTimeZone };
    const parsed = parsePromptCommand(rest, { timeZone: viewerTimeZone, now });
    switch (parsed.kind) {
      case 'invalid':
        return ephemeral(parsed.error);
      case 'open-modal':
        return openScheduleModal(run);
      case 'add':
        return addSchedule(run, parsed, rest);
      case 'list':
        return listSchedules(run);
      case 'pause':
      case 'resume':
      case 'remove':
      case 'nudge':
        return changeSchedule(run, parsed);
      case 'now':
        return postPromptNow(run);
      case 'history':
        return showHistory(run);
      case 'skip-add':
        return addSkip(run, parsed);
      case 'skip-list':
        return reply(skipListMessage(await listPromptSkips(deps.db, run.teamId, run.channelId, today(run))));
      case 'skip-remove':
        return removeSkip(run, parsed.id);
    }
  };
}

const today = (run: Run): string => localParts(run.now, run.viewerTimeZone).isoDate;

async function openScheduleModal(run: Run): Reply {
  if (!(await botIsInChannel(run.client, run.channelId))) return ephemeral(promptReplies.notInChannel);
  await run.client.views.open({ trigger_id: run.command.trigger_id, view: promptScheduleModal({ channelId: run.channelId, timeZone: run.viewerTimeZone }) });
}

async function addSchedule(run: Run, parsed: Extract<PromptCommand, { kind: 'add' }>, typed: string): Reply {
  if (!(await botIsInChannel(run.client, run.channelId))) return ephemeral(promptReplies.notInChannel);
  if (!parsed.anyway) {
    // Two schedules posting at the same instant would put two prompts in the channel at once.
    const clash = findClashingSchedule(parsed, await listChannelSchedules(run.deps.db, run.teamId, run.channelId), run.now);
    if (clash) return ephemeral(promptReplies.clash(clash.schedule, formatInZone(clash.at, clash.schedule.timeZone), typed));
  }
  const schedule = await insertSchedule(run.deps.db, {
    teamId: run.teamId,
    channelId: run.channelId,
    createdBy: run.userId,
    cadence: parsed.cadence,
    timeZone: parsed.timeZone,
    questionSet: 'default',
    nextRunAt: nextOccurrence(parsed.cadence, parsed.timeZone, run.now),
  });
  run.deps.logger.info({ teamId: run.teamId, channelId: run.channelId, scheduleId: schedule.id }, 'prompt schedule created');
  return reply(scheduleCreatedMessage(schedule, run.viewerTimeZone));
}

async function listSchedules(run: Run): Reply {
  const [schedules, skips] = await Promise.all([
    listChannelSchedules(run.deps.db, run.teamId, run.channelId),
    listPromptSkips(run.deps.db, run.teamId, run.channelId, today(run)),
  ]);
  return reply(scheduleListMessage({ channelId: run.channelId, schedules, skips, viewerTimeZone: run.viewerTimeZone }));
}

const VERBS = { pause: 'pause', resume: 'resume', remove: 'remove', nudge: 'change' } as const;

/** pause, resume, remove and nudge: the schedule must be this channel's, and theirs to change. */
async function changeSchedule(run: Run, parsed: Extract<PromptCommand, { kind: 'pause' | 'resume' | 'remove' | 'nudge' }>): Reply {
  const { db } = run.deps;
  const schedule = await findSchedule(db, run.teamId, parsed.id);
  if (!schedule || schedule.channelId !== run.channelId) return ephemeral(promptReplies.noSchedule(parsed.id));
  if (!canManage(await actorFor(run.deps, run.userId), schedule.createdBy)) {
    return ephemeral(promptReplies.notAllowed(schedule.createdBy, `schedule #${schedule.id}`, VERBS[parsed.kind]));
  }
  switch (parsed.kind) {
    case 'pause':
      if (schedule.status === 'paused') return ephemeral(promptReplies.alreadyPaused(schedule.id));
      await updateScheduleStatus(db, run.teamId, schedule.id, { status: 'paused', reason: `by <@${run.userId}>` });
      return ephemeral(promptReplies.paused(schedule.id));
    case 'resume':
      return resumeSchedule(run, schedule);
    case 'remove':
      await deleteSchedule(db, run.teamId, schedule.id);
      return ephemeral(promptReplies.removed(schedule.id, describeCadence(schedule.cadence)));
    case 'nudge':
      await updateScheduleNudge(db, run.teamId, schedule.id, parsed.minutes);
      return ephemeral(promptReplies.nudgeSet(schedule.id, parsed.minutes));
  }
}

async function resumeSchedule(run: Run, schedule: PromptSchedule): Reply {
  if (!(await botIsInChannel(run.client, run.channelId))) return ephemeral(promptReplies.notInChannel);
  // From now on: occurrences missed while paused are not posted.
  const nextRunAt = nextOccurrence(schedule.cadence, schedule.timeZone, run.now);
  await updateScheduleStatus(run.deps.db, run.teamId, schedule.id, { status: 'active', nextRunAt });
  return ephemeral(promptReplies.resumed(schedule.id, formatInZone(nextRunAt, schedule.timeZone)));
}

async function postPromptNow(run: Run): Reply {
  if (!(await botIsInChannel(run.client, run.channelId))) return ephemeral(promptReplies.notInChannel);
  const claimed = await insertRequestedPrompt(run.deps.db, { teamId: run.teamId, channelId: run.channelId, requestedBy: run.userId, now: run.now });
  const outcome = await postPrompt(run.deps, claimed, run.now, { questionSet: 'mixed' });
  return ephemeral(outcome.kind === 'posted' ? promptReplies.posted : promptReplies.notPosted(outcome.reason));
}

async function showHistory(run: Run): Reply {
  const prompts = await listPromptHistory(run.deps.db, run.teamId, run.channelId, 10);
  return reply(promptHistoryMessage({ channelId: run.channelId, prompts, viewerTimeZone: run.viewerTimeZone, workspaceUrl: run.deps.workspaceUrl }));
}

/** A skip silences every schedule of the channel, so it takes someone who scheduled prompts here (or an admin). */
async function addSkip(run: Run, parsed: Extract<PromptCommand, { kind: 'skip-add' }>): Reply {
  const creators = [...new Set((await listChannelSchedules(run.deps.db, run.teamId, run.channelId)).map((s) => s.createdBy))];
  const actor = await actorFor(run.deps, run.userId);
  if (creators.length > 0 && !creators.some((creator) => canManage(actor, creator))) return ephemeral(promptReplies.skipNotAllowed(creators));
  const skip = await insertPromptSkip(run.deps.db, { teamId: run.teamId, channelId: run.channelId, fromDate: parsed.fromDate, toDate: parsed.toDate, createdBy: run.userId });
  return ephemeral(promptReplies.skipAdded(skip));
}

async function removeSkip(run: Run, id: number): Reply {
  const skip = await findPromptSkip(run.deps.db, run.teamId, run.channelId, id);
  if (!skip) return ephemeral(promptReplies.noSkip(id));
  if (!canManage(await actorFor(run.deps, run.userId), skip.createdBy)) return ephemeral(promptReplies.notAllowed(skip.createdBy, `skip #${skip.id}`, 'remove'));
  await deletePromptSkip(run.deps.db, run.teamId, run.channelId, skip.id);
  return ephemeral(promptReplies.skipRemoved(skip));
}
