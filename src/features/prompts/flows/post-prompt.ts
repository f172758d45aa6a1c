import type { Deps } from '../../../deps';
import type { ClaimedPrompt } from '../queries/prompts';
import { listAskedQuestionIds, markPromptFailed, markPromptPosted, setPromptQuestion } from '../queries/prompts';
import { findSchedule, updateScheduleStatus } from '../queries/schedules';
import { listChannelQuestions } from '../queries/channel-questions';
import { DEFAULT_QUESTIONS, pickNextQuestion, type Question } from '../rules/questions';
import { escapeMentions } from '../../../platform/ui/text';
import type { QuestionSet } from '../../../platform/db/schema';
import { promptMessage } from '../blocks/prompt';
import { postOnce } from '../../../platform/slack/post-once';
import { CHANNEL_GONE_ERRORS, describeSlackFailure, slackErrorCode } from '../../../platform/slack/slack-error';

export type PostOutcome = { kind: 'posted'; ts: string } | { kind: 'failed'; reason: string; paused: boolean };

/** What a prompt's message carries, so a later look can tell whether it was posted. */
export const promptMark = (promptId: number) => ({ eventType: 'learnloop_prompt', payload: { prompt_id: promptId } });

const defaultBank: Question[] = DEFAULT_QUESTIONS.map((text, index) => ({ id: `d${index + 1}`, text }));

/** The questions a prompt may ask: the default bank, the channel's own, or both. */
async function questionBank(deps: Pick<Deps, 'db'>, teamId: string, channelId: string, set: QuestionSet): Promise<Question[]> {
  if (set === 'default') return defaultBank;
  const custom = (await listChannelQuestions(deps.db, teamId, channelId)).map((q) => ({ id: `c${q.id}`, text: escapeMentions(q.text) }));
  if (set === 'custom') return custom.length > 0 ? custom : defaultBank;
  return [...defaultBank, ...custom];
}

/**
 * Posts one claimed prompt: picks the next question in the channel's rotation, posts it, and records
 * the outcome. A channel the bot can no longer post in pauses the schedule and tells its creator why.
 */
export async function postPrompt(deps: Deps, prompt: ClaimedPrompt, now: Date, options: { questionSet?: QuestionSet; /** A question of its own (a Workflow Builder step), escaped already. */ question?: string } = {}): Promise<PostOutcome> {
  const schedule = prompt.scheduleId === null ? undefined : await findSchedule(deps.db, prompt.teamId, prompt.scheduleId);
  const question = options.question
    ? { id: 'w', text: options.question }
    : pickNextQuestion(await questionBank(deps, prompt.teamId, prompt.channelId, options.questionSet ?? schedule?.questionSet ?? 'default'), await listAskedQuestionIds(deps.db, prompt.teamId, prompt.channelId));
  await setPromptQuestion(deps.db, prompt.teamId, prompt.id, question);

  try {
    const message = promptMessage(prompt.id, question.text);
    // The mark lets a process that takes over a stale claim, or an unclear answer, find a posted prompt.
    const result = await postOnce(deps.poster, { channel: prompt.channelId, ...message, unfurl_links: false }, promptMark(prompt.id), deps.logger);
    if (result.kind === 'unknown') {
      // Left claimed: the stale-claim recovery looks in the channel before it posts, so never twice.
      deps.logger.warn({ teamId: prompt.teamId, channelId: prompt.channelId, promptId: prompt.id, reason: result.reason }, 'prompt outcome unknown; left for the stale-claim recovery');
      return { kind: 'failed', reason: result.reason, paused: false };
    }
    await markPromptPosted(deps.db, prompt.teamId, prompt, result.ts, now);
    return { kind: 'posted', ts: result.ts };
  } catch (error) {
    const code = slackErrorCode(error);
    const reason = describeSlackFailure(error);
    await markPromptFailed(deps.db, prompt.teamId, prompt, reason, now);
    deps.logger.warn({ teamId: prompt.teamId, channelId: prompt.channelId, promptId: prompt.id, reason }, 'prompt not posted');
    const gone = code ? CHANNEL_GONE_ERRORS[code] : undefined;
    if (gone && schedule) {
      await updateScheduleStatus(deps.db, prompt.teamId, schedule.id, { status: 'paused', reason: code ?? 'channel unavailable' });
      await deps.slack.chat
        .postMessage({
          channel: schedule.createdBy,
          text:
            code === 'is_archived'
              ? `I paused prompt schedule #${schedule.id} in <#${prompt.channelId}>: ${gone}. Unarchive the channel, then run \`/learnloop prompts resume ${schedule.id}\` there.`
              : `I paused prompt schedule #${schedule.id} in <#${prompt.channelId}>: ${gone}. Invite me back with \`/invite @Learnloop\` and it runs again on its own.`,
        })
        .catch((dmError) => deps.logger.warn({ teamId: prompt.teamId, reason: describeSlackFailure(dmError) }, 'could not tell the schedule creator'));
      return { kind: 'failed', reason, paused: true };
    }
    return { kind: 'failed', reason, paused: false };
  }
}
