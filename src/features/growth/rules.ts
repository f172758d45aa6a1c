import { localParts } from '../../platform/time/cadence';
import { commandWords, normaliseTag } from '../../platform/ui/text';

/** The four levels of a competency unless an admin renames them. */
export const DEFAULT_LEVELS = Object.freeze(['Exploring', 'Practising', 'Fluent', 'Teaching others']);
export const TEACHING_LEVEL = 4;
export const NAME_MAX = 60;
export const DESCRIPTION_MAX = 300;
export const TAGS_MAX = 10;
/** Evidence in "My growth" covers this many days; its chart, this many weeks. */
export const EVIDENCE_DAYS = 90;
export const CHART_WEEKS = 12;

export interface StarterCompetency {
  name: string;
  description: string;
  tags: string[];
}

/** A starter map for a software team, for admins to edit. */
export const STARTER_MAP: readonly StarterCompetency[] = Object.freeze([
  { name: 'Giving feedback', description: 'Specific, kind and timely feedback (situation, behaviour, impact).', tags: ['feedback', 'sbi'] },
  { name: 'Code review', description: 'Reviews that teach and are easy to act on; small changes that are easy to review.', tags: ['codereview', 'reviews'] },
  { name: 'Testing', description: 'Tests that catch what matters and stay fast.', tags: ['testing', 'tests'] },
  { name: 'Incident response', description: 'Calm handling of incidents and reviews that prevent the next one.', tags: ['incident', 'oncall'] },
  { name: 'System design', description: 'Trade-offs made explicit; designs that others can change.', tags: ['design', 'architecture'] },
  { name: 'Planning and estimation', description: 'Slicing work, estimating honestly, shipping in small steps.', tags: ['planning', 'estimation'] },
  { name: 'Writing and documentation', description: 'Docs, RFCs and messages that people read and act on.', tags: ['docs', 'writing'] },
  { name: 'Facilitation', description: 'Meetings and retrospectives where everyone is heard.', tags: ['facilitation', 'retro'] },
  { name: 'Mentoring', description: 'Helping others grow, and learning from them in turn.', tags: ['mentoring', 'pairing'] },
]);

const words = commandWords;

/** The level a person typed: a number 1–4 or a level's name (case-insensitive); undefined otherwise. */
export function parseLevel(typed: string, levels: readonly string[]): number | undefined {
  if (/^[1-4]$/.test(typed)) return Number(typed);
  const index = levels.findIndex((level) => level.toLowerCase() === typed.trim().toLowerCase());
  return index >= 0 ? index + 1 : undefined;
}

export type CompetencyCommand =
  | { kind: 'list' }
  | { kind: 'starter' }
  | { kind: 'form' }
  | { kind: 'add'; name: string; tags: string[]; description: string | null }
  | { kind: 'rename'; name: string; newName: string }
  | { kind: 'describe'; name: string; description: string }
  | { kind: 'tags'; name: string; tags: string[] }
  | { kind: 'levels'; name: string; levels: string[] }
  | { kind: 'retire'; name: string }
  | { kind: 'invalid'; problem: string };

const COMPETENCY_USAGE =
  'Try `/learnloop competencies list`, `competencies add "Giving feedback" #feedback #sbi`, `competencies rename "Old" to "New"`, `competencies describe "Name" what it means`, `competencies tags "Name" #a #b`, `competencies levels "Name" Exploring | Practising | Fluent | Teaching others`, `competencies retire "Name"` or `competencies starter`.';

/** `/learnloop competencies …` as a command to carry out. */
export function parseCompetencyCommand(rest: string): CompetencyCommand {
  const list = words(rest);
  const verb = list[0]?.toLowerCase();
  const name = list[1];
  const invalid = (problem: string): CompetencyCommand => ({ kind: 'invalid', problem: `${problem} ${COMPETENCY_USAGE}` });
  switch (verb) {
    case undefined:
    case 'list':
      return { kind: 'list' };
    case 'starter':
      return { kind: 'starter' };
    case 'add': {
      if (!name) return { kind: 'form' };
      const tags = list.slice(2).filter((word) => word.startsWith('#'));
      const description = list.slice(2).filter((word) => !word.startsWith('#')).join(' ').trim();
      const parsed = parseTags(tags);
      if ('problem' in parsed) return invalid(parsed.problem);
      return checkName(name) ?? { kind: 'add', name: name.trim(), tags: parsed.tags, description: description === '' ? null : description.slice(0, DESCRIPTION_MAX) };
    }
    case 'rename': {
      const newName = list[2]?.toLowerCase() === 'to' ? list[3] : list[2];
      if (!name || !newName) return invalid('Say which competency and its new name.');
      return checkName(newName) ?? { kind: 'rename', name, newName: newName.trim() };
    }
    case 'describe': {
      const description = list.slice(2).join(' ').trim();
      if (!name || description === '') return invalid('Say which competency and what it means.');
      return { kind: 'describe', name, description: description.slice(0, DESCRIPTION_MAX) };
    }
    case 'tags': {
      const parsed = parseTags(list.slice(2));
      if (!name) return invalid('Say which competency.');
      if ('problem' in parsed) return invalid(parsed.problem);
      return { kind: 'tags', name, tags: parsed.tags };
    }
    case 'levels': {
      const levels = list.slice(2).join(' ').split('|').map((level) => level.trim()).filter(Boolean);
      if (!name || levels.length !== 4) return invalid('Give four level names separated by |.');
      if (levels.some((level) => level.length > 40)) return invalid('Keep each level name under 40 characters.');
      return { kind: 'levels', name, levels };
    }
    case 'retire':
      if (!name) return invalid('Say which competency to retire.');
      return { kind: 'retire', name };
    default:
      return invalid(`I don't know \`competencies ${verb.slice(0, 30)}\`.`);
  }
}

function checkName(name: string): CompetencyCommand | undefined {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > NAME_MAX) return { kind: 'invalid', problem: `A competency's name is 1 to ${NAME_MAX} characters, e.g. "Giving feedback". ${COMPETENCY_USAGE}` };
  return undefined;
}

function parseTags(raw: readonly string[]): { tags: string[] } | { problem: string } {
  const tags: string[] = [];
  for (const word of raw) {
    const tag = normaliseTag(word);
    if (!tag) return { problem: `\`${word.slice(0, 40)}\` is not a tag; tags are letters, digits, _ or -, e.g. #feedback.` };
    if (!tags.includes(tag)) tags.push(tag);
  }
  if (tags.length > TAGS_MAX) return { problem: `Up to ${TAGS_MAX} tags per competency.` };
  return { tags };
}

export type GoalCommand =
  | { kind: 'list' }
  | { kind: 'form' }
  | { kind: 'add'; competency: string; level: string; dueDate: string | null }
  | { kind: 'reached'; goalId: number; confirmerId: string | null }
  | { kind: 'withdraw'; goalId: number }
  | { kind: 'invalid'; problem: string };

const GOAL_USAGE =
  'Try `/learnloop goal add "Giving feedback" to Practising by 2027-03-31`, `/learnloop goal list`, `/learnloop goal reached 3` (or `goal reached 3 @teammate` to ask them to confirm) or `/learnloop goal withdraw 3`.';

/** `/learnloop goal …` as a command; dates are checked as dates (YYYY-MM-DD) and must lie ahead of `today`. */
export function parseGoalCommand(rest: string, today: string): GoalCommand {
  const list = words(rest);
  const verb = list[0]?.toLowerCase();
  const invalid = (problem: string): GoalCommand => ({ kind: 'invalid', problem: `${problem} ${GOAL_USAGE}` });
  switch (verb) {
    case undefined:
    case 'list':
      return { kind: 'list' };
    case 'add':
    case 'set': {
      if (list.length === 1) return { kind: 'form' };
      const competency = list[1];
      const toAt = list.findIndex((word, i) => i > 1 && word.toLowerCase() === 'to');
      const byAt = list.findIndex((word, i) => i > 1 && word.toLowerCase() === 'by');
      if (!competency || toAt < 0) return invalid('Say the competency and the level to reach.');
      const level = list.slice(toAt + 1, byAt > toAt ? byAt : undefined).join(' ');
      if (level === '') return invalid('Say the level to reach.');
      const dueDate = byAt > 0 ? list[byAt + 1] ?? '' : null;
      if (dueDate !== null) {
        if (!isIsoDate(dueDate)) return invalid(`\`${dueDate.slice(0, 20)}\` is not a date; write it as YYYY-MM-DD.`);
        if (dueDate <= today) return invalid('The date must be after today.');
      }
      return { kind: 'add', competency, level, dueDate };
    }
    case 'reached':
    case 'done': {
      const goalId = parseGoalId(list[1]);
      if (goalId === undefined) return invalid('Say which goal, by its number in `/learnloop goal list`.');
      const mention = list[2] ? /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(list[2]) : null;
      if (list[2] && !mention) return invalid('Name the person to confirm it as an @mention.');
      return { kind: 'reached', goalId, confirmerId: mention?.[1] ?? null };
    }
    case 'withdraw':
    case 'drop': {
      const goalId = parseGoalId(list[1]);
      if (goalId === undefined) return invalid('Say which goal, by its number in `/learnloop goal list`.');
      return { kind: 'withdraw', goalId };
    }
    default:
      return invalid(`I don't know \`goal ${verb.slice(0, 30)}\`.`);
  }
}

function parseGoalId(typed: string | undefined): number | undefined {
  const match = typed ? /^#?(\d{1,9})$/.exec(typed) : null;
  return match ? Number(match[1]) : undefined;
}

export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * Time-to-competency in days: calendar days in the person's own zone from the start (the goal being set,
 * or the first evidence for a level claimed without a goal) to the confirmation. A goal set late on one
 * evening and confirmed early the next morning took one day, wherever the server is.
 */
export function daysToCompetency(startedAt: Date, confirmedAt: Date, timeZone: string): number {
  const day = (at: Date): number => {
    const parts = localParts(at, timeZone);
    return Date.UTC(parts.year, parts.month - 1, parts.day) / 86_400_000;
  };
  return Math.max(0, day(confirmedAt) - day(startedAt));
}

/** The median of whole days (the lower middle's and upper middle's mean, rounded). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
}

/** A figure about people, shown only when at least `minGroupSize` people stand behind it. */
export function gated(count: number, people: number, minGroupSize: number): number | null {
  return people >= minGroupSize ? count : null;
}

/** One competency on the team map, every figure already held back below the minimum group size. */
export interface TeamMapRow {
  competencyId: number;
  name: string;
  levels: readonly string[];
  /** People at each level; null where fewer than the minimum group size stand behind the level. */
  peopleAtLevel: (number | null)[];
  /** Evidence this month; null when it comes from fewer people than the minimum group size. */
  evidenceThisMonth: number | null;
  /** Median days to a confirmed level; null below the minimum group size of confirmations. */
  medianDaysToCompetency: number | null;
  confirmations: number;
  /** No workspace-visible evidence at all: a gap. */
  gap: boolean;
}

/** The team map from raw figures: aggregates only, each shown only when enough people stand behind it. */
export function teamMapRows(
  competencies: readonly { id: number; name: string; levels: readonly string[] }[],
  figures: readonly { competencyId: number; peopleAtLevel: number[]; evidenceThisMonth: number; evidencePeopleThisMonth: number; hasEvidence: boolean; confirmationDays: readonly number[] }[],
  minGroupSize: number,
): TeamMapRow[] {
  const byId = new Map(figures.map((figure) => [figure.competencyId, figure]));
  return competencies.map((competency) => {
    const figure = byId.get(competency.id);
    const days = figure?.confirmationDays ?? [];
    return {
      competencyId: competency.id,
      name: competency.name,
      levels: competency.levels,
      peopleAtLevel: (figure?.peopleAtLevel ?? [0, 0, 0, 0]).map((people) => gated(people, people, minGroupSize)),
      evidenceThisMonth: figure ? gated(figure.evidenceThisMonth, figure.evidencePeopleThisMonth, minGroupSize) : null,
      medianDaysToCompetency: days.length >= minGroupSize ? median(days) : null,
      confirmations: days.length,
      gap: !(figure?.hasEvidence ?? false),
    };
  });
}

/** Evidence per week, oldest first, for the last `weeks` weeks ending at `now`. */
export function weeklyCounts(times: readonly Date[], now: Date, weeks = CHART_WEEKS): number[] {
  const counts = new Array<number>(weeks).fill(0);
  const weekMs = 7 * 86_400_000;
  for (const at of times) {
    const back = Math.floor((now.getTime() - at.getTime()) / weekMs);
    if (back >= 0 && back < weeks) counts[weeks - 1 - back]! += 1;
  }
  return counts;
}
