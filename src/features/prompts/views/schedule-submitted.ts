import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { Deps } from '../../../deps';
import { insertSchedule, listChannelSchedules } from '../queries/schedules';
import { cadenceCommandWords, nextOccurrence } from '../../../platform/time/cadence';
import { cadenceFromForm, formatInZone, type ScheduleForm, type ScheduleFormField } from '../rules/prompt-command';
import { findClashingSchedule } from '../rules/occurrences';
import { promptReplies, scheduleCreatedMessage } from '../blocks/schedules';
import { isChannelMember } from '../../../platform/slack/channel-access';
import { ids } from '../ids';
import { notChannelMember, whatWentWrong } from '../../../platform/slack/replies';
import { safeJson } from '../../../platform/slack/safe-json';
import { workspaceOf } from '../../../platform/slack/workspace-of';

const b = ids.promptSchedule;
const metadata = z.object({ channelId: z.string().regex(/^[CG][A-Z0-9]+$/) });
const questionSet = z.enum(['default', 'custom', 'mixed']).catch('default');

const FIELD_BLOCKS: Record<ScheduleFormField, string> = {
  cadence: b.cadenceBlock,
  weekday: b.weekdayBlock,
  dayOfMonth: b.dayOfMonthBlock,
  time: b.timeBlock,
  cron: b.cronBlock,
  timeZone: b.timeZoneBlock,
};

/** Creates the schedule from the form; problems go back to their fields, so nothing typed is lost. */
export function promptScheduleSubmitted(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'users' | 'teamId'>) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const values = view.state.values;
    const input = (block: string, action: string) => values[block]?.[action];
    const form: ScheduleForm = {
      cadence: input(b.cadenceBlock, b.cadenceInput)?.selected_option?.value,
      weekday: input(b.weekdayBlock, b.weekdayInput)?.selected_option?.value,
      dayOfMonth: input(b.dayOfMonthBlock, b.dayOfMonthInput)?.value ?? undefined,
      time: input(b.timeBlock, b.timeInput)?.selected_time ?? undefined,
      cron: input(b.cronBlock, b.cronInput)?.value ?? undefined,
      timeZone: input(b.timeZoneBlock, b.timeZoneInput)?.value ?? undefined,
    };
    const meta = metadata.safeParse(safeJson(view.private_metadata));
    if (!meta.success) {
      await ack({ response_action: 'errors', errors: { [b.cadenceBlock]: 'This form is out of date. Close it and run `/learnloop prompts` in the channel again.' } });
      return;
    }
    const now = deps.clock.now();
    const parsed = cadenceFromForm(form, now);
    if ('errors' in parsed) {
      const errors = Object.fromEntries(Object.entries(parsed.errors).map(([field, message]) => [FIELD_BLOCKS[field as ScheduleFormField], message]));
      await ack({ response_action: 'errors', errors });
      return;
    }

    const teamId = workspaceOf(body, deps);
    const channelId = meta.data.channelId;
    let schedule;
    try {
      // The channel in the metadata is a hint: only someone in it may schedule prompts there.
      if (!(await isChannelMember(client, teamId, channelId, body.user.id))) {
        deps.logger.warn({ teamId, channelId, userId: body.user.id }, 'refused a schedule form for a channel its submitter is not in');
        await ack({ response_action: 'errors', errors: { [b.cadenceBlock]: notChannelMember('schedule prompts') } });
        return;
      }
      // Two schedules posting at the same instant would put two prompts in the channel at once.
      const clash = findClashingSchedule(parsed, await listChannelSchedules(deps.db, teamId, channelId), now);
      if (clash) {
        const block = parsed.cadence.kind === 'cron' ? b.cronBlock : b.timeBlock;
        const error = promptReplies.clashInForm(clash.schedule, formatInZone(clash.at, clash.schedule.timeZone), cadenceCommandWords(parsed.cadence, parsed.timeZone));
        await ack({ response_action: 'errors', errors: { [block]: error } });
        return;
      }
      schedule = await insertSchedule(deps.db, {
        teamId,
        channelId,
        createdBy: body.user.id,
        cadence: parsed.cadence,
        timeZone: parsed.timeZone,
        questionSet: questionSet.parse(input(b.questionSetBlock, b.questionSetInput)?.selected_option?.value),
        nextRunAt: nextOccurrence(parsed.cadence, parsed.timeZone, now),
      });
    } catch (error) {
      deps.logger.error({ err: error, teamId, channelId, userId: body.user.id }, 'could not create a prompt schedule');
      await ack({ response_action: 'errors', errors: { [b.cadenceBlock]: whatWentWrong(error) } });
      return;
    }
    await ack();
    deps.logger.info({ teamId, channelId, scheduleId: schedule.id }, 'prompt schedule created');
    try {
      const message = scheduleCreatedMessage(schedule, await deps.users.timeZoneOf(body.user.id));
      await client.chat.postEphemeral({ channel: channelId, user: body.user.id, text: message.text, blocks: message.blocks });
    } catch (error) {
      deps.logger.warn({ err: error, teamId, channelId, scheduleId: schedule.id }, 'could not confirm a new prompt schedule');
    }
  };
}
