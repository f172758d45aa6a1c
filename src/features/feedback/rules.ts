/** Peer feedback rules: who may receive it, what it must hold, how much one person may send a day. */
import { localDateTimeToInstant, localParts } from '../../platform/time/cadence';
import { parseUserMention } from '../../platform/ui/text';

/** Characters each of Situation, Behaviour and Impact may hold. */
export const FEEDBACK_FIELD_MAX = 1000;
/** Characters the free text may hold. */
export const FEEDBACK_TEXT_MAX = 3000;
/** Feedback one person may send per day (their local day); the 31st is refused. */
export const FEEDBACK_DAILY_LIMIT = 30;

/** One code per way a feedback can be refused; handlers turn each into one sentence. */
export type FeedbackRefusal =
  | 'not_a_mention'
  | 'self'
  | 'bot'
  | 'deactivated'
  | 'outside_workspace'
  | 'daily_limit'
  | 'empty'
  | 'field_too_long'
  | 'text_too_long';

export type FeedbackFieldName = 'situation' | 'behaviour' | 'impact' | 'text';

export interface FeedbackFields {
  situation: string | null;
  behaviour: string | null;
  impact: string | null;
  text: string | null;
}

export type FeedbackCommand =
  | { kind: 'list' }
  | { kind: 'modal'; recipientId: string | null }
  | { kind: 'send'; recipientId: string; text: string }
  | { kind: 'not_a_mention' };

/**
 * Reads `/feedback` text: `list`; nothing (modal, nobody chosen); `<@U…>` alone (modal, preselected);
 * `<@U…> TEXT` (send). Anything else starts with something that is not a mention.
 */
export function parseFeedbackCommand(input: string): FeedbackCommand {
  const trimmed = input.trim();
  if (trimmed === '') return { kind: 'modal', recipientId: null };
  if (/^list$/i.test(trimmed)) return { kind: 'list' };
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  const recipientId = parseUserMention(match?.[1] ?? '');
  if (!recipientId) return { kind: 'not_a_mention' };
  // The rest is kept as typed (line breaks included); only the ends are trimmed.
  const text = (match?.[2] ?? '').trim();
  return text === '' ? { kind: 'modal', recipientId } : { kind: 'send', recipientId, text };
}

/** What Learnloop knows of the intended recipient (from users.info; null when Slack does not know them). */
export interface RecipientFacts {
  id: string;
  isBot: boolean;
  deleted: boolean;
  teamId: string | undefined;
}

/** Why this recipient cannot get feedback from this sender, or null when they can. */
export function recipientRefusal(input: {
  senderId: string;
  recipientId: string;
  recipient: RecipientFacts | null;
  workspaceTeamId: string;
  botUserId: string;
}): FeedbackRefusal | null {
  if (input.recipientId === input.senderId) return 'self';
  if (input.recipientId === input.botUserId) return 'bot';
  if (input.recipient === null) return 'outside_workspace';
  if (input.recipient.isBot) return 'bot';
  if (input.recipient.teamId !== input.workspaceTeamId) return 'outside_workspace';
  if (input.recipient.deleted) return 'deactivated';
  return null;
}

/** Refuses once the sender already sent the daily limit today. */
export function dailyLimitRefusal(sentToday: number): FeedbackRefusal | null {
  return sentToday >= FEEDBACK_DAILY_LIMIT ? 'daily_limit' : null;
}

/** The instant the sender's local day began (the daily limit counts from here). */
export function feedbackDayStart(now: Date, timeZone: string): Date {
  const today = localParts(now, timeZone);
  return localDateTimeToInstant({ year: today.year, month: today.month, day: today.day }, { hour: 0, minute: 0 }, timeZone);
}

export type FeedbackFieldsCheck =
  | { ok: true; fields: FeedbackFields }
  | { ok: false; errors: { field: FeedbackFieldName; code: FeedbackRefusal }[] };

/**
 * Trims every field (blank becomes null) and checks that at least one holds something and each fits:
 * Situation, Behaviour and Impact 1,000 characters, the free text 3,000. `empty` is reported on `text`.
 */
export function checkFeedbackFields(input: Partial<Record<FeedbackFieldName, string | null | undefined>>): FeedbackFieldsCheck {
  const clean = (value: string | null | undefined): string | null => {
    const trimmed = (value ?? '').trim();
    return trimmed === '' ? null : trimmed;
  };
  const fields: FeedbackFields = {
    situation: clean(input.situation),
    behaviour: clean(input.behaviour),
    impact: clean(input.impact),
    text: clean(input.text),
  };
  const errors: { field: FeedbackFieldName; code: FeedbackRefusal }[] = [];
  for (const field of ['situation', 'behaviour', 'impact'] as const) {
    if ((fields[field]?.length ?? 0) > FEEDBACK_FIELD_MAX) errors.push({ field, code: 'field_too_long' });
  }
  if ((fields.text?.length ?? 0) > FEEDBACK_TEXT_MAX) errors.push({ field: 'text', code: 'text_too_long' });
  if (Object.values(fields).every((value) => value === null)) errors.push({ field: 'text', code: 'empty' });
  return errors.length === 0 ? { ok: true, fields } : { ok: false, errors };
}

/** The feedback as one plain text (for a learning saved from it): labelled fields, then the free text. */
export function feedbackAsText(fields: FeedbackFields): string {
  const parts: string[] = [];
  if (fields.situation) parts.push(`Situation: ${fields.situation}`);
  if (fields.behaviour) parts.push(`Behaviour: ${fields.behaviour}`);
  if (fields.impact) parts.push(`Impact: ${fields.impact}`);
  if (fields.text) parts.push(fields.text);
  return parts.join('\n');
}
