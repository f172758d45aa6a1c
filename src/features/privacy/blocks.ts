import type { ModalView } from '@slack/types';
import type { ForgetCounts } from './forget-person';
import { RETENTION_MAX_DAYS, RETENTION_MIN_DAYS } from './queries';
import { ids } from './ids';
import { REMOVED_TEXT } from './rules/forgotten';

const p = ids.privacy;

export const privacyReplies = {
  exportUsage: 'Export what? Use `/learnloop export me` (the default), `/learnloop export channel` or `/learnloop export workspace`.',
  exportNeedsChannel: 'A channel export belongs to a channel; run `/learnloop export channel` in the channel you want.',
  exportWorkspaceAdminsOnly: 'Only Learnloop admins and workspace admins can export the whole workspace. You can export your own data with `/learnloop export me`.',
  exportOnItsWay: (counts: { label: string; count: number }[], empty: readonly string[]) =>
    `Your export is on its way to your DMs: one zip file with ${listWords(counts.map((c) => `${c.label} (${c.count})`))}.` +
    (empty.length > 0 ? ` Nothing to export for ${listWords(empty)}, so ${empty.length === 1 ? 'that file is' : 'those files are'} left out.` : ''),
  exportNothing: (empty: readonly string[]) => `There is nothing to export yet (no ${listWords(empty, 'or')}), so nothing was sent.`,
  forgetFailed: 'Something went wrong on our side and nothing was deleted; please try again.',
  retentionAdminsOnly: 'Only Learnloop admins and workspace admins can change how long Learnloop keeps data.',
  retentionCurrent: (days: number | null) =>
    days === null
      ? 'Learnloop keeps everything (no retention period). An admin can set one with `/learnloop settings retention DAYS`.'
      : `Learnloop deletes content older than ${days} days, once a night. Change it with \`/learnloop settings retention DAYS\` or \`retention off\`.`,
  retentionBad: (typed: string) => `\`${typed}\` is not a retention period; give a number of days from ${RETENTION_MIN_DAYS} to ${RETENTION_MAX_DAYS}, or \`off\`.`,
  retentionSet: (days: number) => `Done: from tonight on, Learnloop deletes content older than ${days} days.`,
  retentionOff: 'Done: Learnloop keeps everything again (no retention period).',
} as const;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "a, b and c". */
function listWords(words: readonly string[], last = 'and'): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`;
}

/** The confirmation form of `/learnloop forget-me`: says exactly what goes and what stays. */
export function forgetMeModal(responseUrl: string | null): ModalView {
  return {
    type: 'modal',
    callback_id: p.forgetMeView,
    private_metadata: JSON.stringify({ responseUrl }),
    title: { type: 'plain_text', text: 'Forget me' },
    submit: { type: 'plain_text', text: 'Delete my data' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        block_id: p.forgetMeSummaryBlock,
        text: {
          type: 'mrkdwn',
          text:
            '*This deletes everything you wrote in Learnloop in this workspace, for good:*\n' +
            '• your prompt replies (public and private) and your learnings\n' +
            '• your review reflections and the commitments you own\n' +
            '• feedback you sent\n' +
            '• your mentoring pairings with their check-ins, and your notes in check-ins\n' +
            '• your session sign-ups, channel questions you added, queued DMs and your settings\n' +
            `• your words in what others take part in: the title of a review you started, the topic of a session you organised and a question you added become “${REMOVED_TEXT}”\n` +
            '• your name everywhere else: on teammates\' learnings that credit you, on schedules and settings you set up, on reviews and sessions you facilitated or were to lead, and in @-mentions of you',
        },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text:
              'Kept for others, without your name: reviews, sessions and prompts others take part in; schedules you set up, which keep running for their channel; ' +
              'feedback others sent you and commitments you wrote for a teammate (theirs, text included); teammates\' learnings that credit you (text included); ' +
              'and counts that no longer name you. Team pulse answers and comments were never stored with your name, so they cannot be told apart and stay in the team\'s figures; the record that you were asked and answered is deleted. ' +
              'Messages you posted in Slack itself stay in Slack. Consider `/learnloop export me` first.',
          },
        ],
      },
    ],
  };
}

/** What "forget me" deleted, kind by kind. */
export function forgetMeDoneText(c: ForgetCounts): string {
  const parts = [
    plural(c.replies, 'reply', 'replies'),
    plural(c.learnings, 'learning'),
    plural(c.reflections, 'reflection'),
    plural(c.feedbackSent, 'feedback sent', 'feedback sent'),
    plural(c.checkInNotes, 'check-in note'),
    plural(c.checkIns, 'check-in'),
    plural(c.pairings, 'mentoring pairing'),
    plural(c.commitments, 'commitment'),
    plural(c.sessionAttendance, 'session sign-up'),
    plural(c.channelQuestions, 'channel question'),
    plural(c.scheduledDms, 'queued DM'),
    plural(c.profile, 'settings record'),
  ];
  const credits = c.creditsRemoved > 0 ? ` Your name was taken off ${plural(c.creditsRemoved, "teammate's learning", "teammates' learnings")} that credited you.` : '';
  const kept = ([[c.reviewsKept, 'review'], [c.sessionsKept, 'session'], [c.promptsKept, 'prompt']] as const).filter(([n]) => n > 0);
  const words = kept.length > 0 ? ` Your words were removed from ${listWords(kept.map(([n, what]) => plural(n, what)))} that others take part in, which stay for them.` : '';
  const names = c.namesRemoved > 0 ? ` Your name was also taken off ${plural(c.namesRemoved, 'other record')} that others keep.` : '';
  return `Done: Learnloop has forgotten you in this workspace. Deleted ${parts.join(', ')}.${credits}${words}${names}`;
}
