import { createHash } from 'node:crypto';
import type { Cadence, Weekday } from '../../platform/time/cadence';
import type { SetCadence } from '../../platform/db/schema';

export const NAME_MAX = 80;
export const CHALLENGE_MAX = 2_000;
export const NOTE_MAX = 1_000;
export const MIN_MEMBERS = 2;
export const MAX_MEMBERS = 8;
export const MIN_MONTHS = 3;
export const MAX_MONTHS = 18;
export const DEFAULT_HOURS = 8;
export const DEFAULT_SET_TIME = '16:00';
/** The questions of every learning set, asked together in one prompt. */
export const LEARNING_SET_QUESTION =
  'Learning set: What did we try? What happened? What did we learn about the work, and about leading together? What will we try next?';
export const RECOGNITION_TEXT = 'You helped us move this fortnight.';

/** The charter as the form gives it, before any check. */
export interface CharterInput {
  name: string;
  challenge: string;
  sponsorId: string | null;
  coachId: string | null;
  memberIds: readonly string[];
  channelId: string | null;
  startsOn: string | null;
  endsOn: string | null;
  hours: string;
  cadence: string;
  setTime: string;
  wave: string;
}

export interface Charter {
  name: string;
  challenge: string;
  sponsorId: string;
  coachId: string | null;
  memberIds: string[];
  channelId: string;
  startsOn: string;
  endsOn: string;
  hoursPerWeek: number;
  setCadence: SetCadence;
  setTime: { hour: number; minute: number };
  wave: string | null;
  /** A gentle note (outside 6–12 months, more than 10 hours a week): accepted, but said. */
  warnings: string[];
}

export type CharterField = 'name' | 'challenge' | 'sponsor' | 'coach' | 'members' | 'channel' | 'starts' | 'ends' | 'hours' | 'cadence' | 'time' | 'wave';

/** Checks a charter; every problem is keyed by its field, so the form shows each where it belongs. */
export function checkCharter(input: CharterInput, today: string): { charter: Charter } | { errors: Partial<Record<CharterField, string>> } {
  const errors: Partial<Record<CharterField, string>> = {};
  const name = input.name.trim();
  const challenge = input.challenge.trim();
  if (name.length === 0 || name.length > NAME_MAX) errors.name = `Give the project a name of 1 to ${NAME_MAX} characters, e.g. "Faster onboarding".`;
  if (challenge.length === 0) errors.challenge = 'Say what the work must achieve and why it will stretch people.';
  else if (challenge.length > CHALLENGE_MAX) errors.challenge = `Keep the challenge to ${CHALLENGE_MAX.toLocaleString('en-US')} characters (this one has ${challenge.length.toLocaleString('en-US')}).`;
  if (!input.sponsorId) errors.sponsor = 'Name the sponsor: the manager who backs the project.';
  const members = [...new Set(input.memberIds)];
  if (members.length < MIN_MEMBERS || members.length > MAX_MEMBERS) errors.members = `An action-learning team has ${MIN_MEMBERS} to ${MAX_MEMBERS} members (this one has ${members.length}).`;
  else if (input.sponsorId && members.includes(input.sponsorId)) errors.members = 'The sponsor backs the team from outside it; pick them as sponsor only.';
  else if (input.coachId && members.includes(input.coachId)) errors.members = 'The coach helps the team from outside it; pick them as coach only.';
  if (input.coachId && input.coachId === input.sponsorId) errors.coach = 'The coach and the sponsor are two people.';
  if (!input.channelId) errors.channel = 'Pick the project channel (invite Learnloop there first).';
  if (!input.startsOn) errors.starts = 'Pick the start date.';
  else if (input.startsOn < today) errors.starts = 'The start date cannot be in the past.';
  if (!input.endsOn) errors.ends = 'Pick the end date.';
  const warnings: string[] = [];
  if (input.startsOn && input.endsOn && !errors.starts) {
    const months = monthsBetween(input.startsOn, input.endsOn);
    if (months < MIN_MONTHS || months > MAX_MONTHS) errors.ends = `A project runs ${MIN_MONTHS} to ${MAX_MONTHS} months (this one ${months < 0 ? 'ends before it starts' : `runs ${formatMonths(months)}`}).`;
    else if (months < 6 || months > 12) warnings.push(`It runs ${formatMonths(months)}: action learning works best over 6 to 12 months.`);
  }
  const hours = input.hours.trim() === '' ? DEFAULT_HOURS : Number(input.hours.trim());
  if (!Number.isInteger(hours) || hours < 1 || hours > 40) errors.hours = 'Hours a week is a whole number from 1 to 40 (8 is usual).';
  else if (hours > 10) warnings.push(`${hours} hours a week is a lot beside a day job; 8–10 is usual.`);
  const cadence = (input.cadence.trim() || 'biweekly') as SetCadence;
  if (!['weekly', 'biweekly', 'monthly'].includes(cadence)) errors.cadence = 'Pick weekly, every two weeks or monthly.';
  const time = parseTime(input.setTime.trim() || DEFAULT_SET_TIME);
  if (!time) errors.time = 'Write the time as HH:MM, e.g. 16:00.';
  const wave = input.wave.trim();
  if (wave.length > 40) errors.wave = 'Keep the wave name under 40 characters.';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    charter: {
      name,
      challenge,
      sponsorId: input.sponsorId!,
      coachId: input.coachId,
      memberIds: members,
      channelId: input.channelId!,
      startsOn: input.startsOn!,
      endsOn: input.endsOn!,
      hoursPerWeek: hours,
      setCadence: cadence,
      setTime: time!,
      wave: wave === '' ? null : wave,
      warnings,
    },
  };
}

function parseTime(text: string): { hour: number; minute: number } | undefined {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}

/** Whole and part months between two dates, in months of 30.44 days (for the 3–18 and 6–12 month rules). */
export function monthsBetween(from: string, to: string): number {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  return Math.round((days / 30.44) * 10) / 10;
}

function formatMonths(months: number): string {
  return `${Number.isInteger(months) ? months : months.toFixed(1)} months`;
}

/** The date halfway between start and end (the mid-point review's day). */
export function midpointOf(startsOn: string, endsOn: string): string {
  const start = Date.parse(`${startsOn}T00:00:00Z`);
  const end = Date.parse(`${endsOn}T00:00:00Z`);
  return new Date(start + Math.floor((end - start) / 86_400_000 / 2) * 86_400_000).toISOString().slice(0, 10);
}

/** The learning sets' rhythm for the prompt machinery: on the start date's weekday (or day of month). */
export function setCadenceOf(cadence: SetCadence, startsOn: string, time: { hour: number; minute: number }): Cadence {
  const date = new Date(`${startsOn}T00:00:00Z`);
  const weekday = date.getUTCDay() as Weekday;
  switch (cadence) {
    case 'weekly':
      return { kind: 'weekly', weekday, time };
    case 'biweekly':
      return { kind: 'biweekly', weekday, time, anchor: startsOn };
    case 'monthly':
      return { kind: 'monthly', dayOfMonth: date.getUTCDate(), time };
  }
}

export function cadenceLabel(cadence: SetCadence): string {
  return cadence === 'weekly' ? 'every week' : cadence === 'biweekly' ? 'every two weeks' : 'every month';
}

/**
 * The claim key of a "We're stuck" flag: its sender (none when sent without a name, so the key names
 * nobody), its words and its day (UTC), hashed. The same flag sent twice at once is sent once.
 */
export function stuckFlagKey(senderId: string | null, note: string, now: Date): string {
  const words = note.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${senderId ?? ''}\n${now.toISOString().slice(0, 10)}\n${words}`).digest('hex');
}
