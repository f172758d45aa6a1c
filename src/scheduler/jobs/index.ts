import type { Deps } from '../../deps';
import type { Job } from '..';
import { applyRetention } from './apply-retention';
import { classifyChannels } from './classify-channels';
import { cleanShortLivedRows } from './clean-short-lived-rows';
import { closeDueReviews } from './close-due-reviews';
import { postDueDigests } from './post-due-digests';
import { postDuePrompts } from './post-due-prompts';
import { COMMITMENT_FOLLOWUP, commitmentFollowUpRelevance, queueCommitmentFollowUps } from './queue-commitment-follow-ups';
import { MENTEE_NUDGE, MENTOR_REMINDER, menteeNudgeRelevance, mentorReminderRelevance, queueMentorReminders } from './queue-mentor-reminders';
import { PROMPT_NUDGE, promptNudgeRelevance, queuePromptNudges } from './queue-prompt-nudges';
import { runSessionSteps } from './run-session-steps';
import { sendScheduledDms } from './send-scheduled-dms';

/** Every job the scheduler runs each minute, in order. */
export function allJobs(deps: Deps): Job[] {
  return [
    classifyChannels(deps),
    postDuePrompts(deps),
    queuePromptNudges(deps),
    closeDueReviews(deps),
    postDueDigests(deps),
    queueCommitmentFollowUps(deps),
    queueMentorReminders(deps),
    runSessionSteps(deps),
    sendScheduledDms(deps, { [PROMPT_NUDGE]: promptNudgeRelevance(deps), [COMMITMENT_FOLLOWUP]: commitmentFollowUpRelevance(deps), [MENTOR_REMINDER]: mentorReminderRelevance(deps), [MENTEE_NUDGE]: menteeNudgeRelevance(deps) }),
    cleanShortLivedRows(deps),
    applyRetention(deps),
  ];
}
