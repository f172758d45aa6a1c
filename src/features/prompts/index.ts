import type { Registrar } from '../../platform/receivers/router';
import type { Deps } from '../../deps';
import type { Feature } from '../../platform/feature';
import { promptRecordLearning } from './actions/record-learning';
import { promptReplyPrivately } from './actions/reply-privately';
import { promptsSubcommand } from './commands/prompts';
import { questionsSubcommand } from './commands/questions';
import { memberJoinedChannel } from './events/member-joined-channel';
import { ids } from './ids';
import { postDuePrompts } from './jobs/post-due-prompts';
import { PROMPT_NUDGE, promptNudgeRelevance, queuePromptNudges } from './jobs/queue-prompt-nudges';
import { promptPrivateReplySubmitted } from './views/private-reply-submitted';
import { promptScheduleSubmitted } from './views/schedule-submitted';

/**
 * Reflection prompts: `/learnloop prompts` and `/learnloop questions`, the prompt's "Reply privately" and
 * "Record a learning" buttons, the schedule and private-reply forms, member_joined_channel (schedules
 * resume when Learnloop is invited back), and the jobs that post prompts and queue nudges.
 */
export function promptsFeature(deps: Deps): Feature {
  return {
    name: 'prompts',
    register(app: Registrar) {
      app.action(ids.prompt.replyPrivately, promptReplyPrivately(deps));
      app.action(ids.prompt.recordLearning, promptRecordLearning(deps));
      app.view(ids.prompt.privateReplyView, promptPrivateReplySubmitted(deps));
      app.view(ids.promptSchedule.view, promptScheduleSubmitted(deps));
      app.event('member_joined_channel', memberJoinedChannel(deps));
    },
    subcommands: { prompts: promptsSubcommand(deps), questions: questionsSubcommand(deps) },
    jobs: [postDuePrompts(deps), queuePromptNudges(deps)],
    dmRelevance: { [PROMPT_NUDGE]: promptNudgeRelevance(deps) },
  };
}

// What other features use of this one.
export { formatInZone } from './rules/prompt-command';
export { installWelcomeMessage } from './blocks/welcome';
export { insertSchedule, updateScheduleStatus } from './queries/schedules';
export { insertChannelQuestion } from './queries/channel-questions';
export { postPrompt } from './flows/post-prompt';
export { insertRequestedPrompt } from './queries/prompts';
