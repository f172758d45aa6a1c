import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps';
import { isoDateOf, localParts } from '../../../platform/time/cadence';
import { claimGoal, findCompetency, findCompetencyById, findFirstEvidenceAt, insertGoal, listCompetencies, listConfirmedLevels, listMentorsOf, suggestMentors, type Competency, type GrowthGoal } from '../queries';
import { parseLevel } from '../rules';
import { confirmRequestMessage, growthReplies, levelName, suggestionsBlocks } from '../blocks';
import type { KnownBlock } from '@slack/types';

type GoalDeps = Pick<Deps, 'db' | 'logger' | 'clock' | 'users'>;

export type SetGoalResult =
  | { kind: 'set'; goal: GrowthGoal; competency: Competency; suggestions: KnownBlock[] }
  | { kind: 'refused'; reason: string };

/** Sets a goal for the person (the competency by name or id, the level by name or number), with suggested mentors. */
export async function setGoal(deps: GoalDeps, input: { teamId: string; userId: string; competency: string | number; level: string; dueDate: string | null; confirmerId: string | null }): Promise<SetGoalResult> {
  const competency =
    typeof input.competency === 'number' ? await findCompetencyById(deps.db, input.teamId, input.competency) : await findCompetency(deps.db, input.teamId, input.competency);
  if (!competency || competency.retiredAt) {
    const names = (await listCompetencies(deps.db, input.teamId)).map((c) => c.name);
    return { kind: 'refused', reason: growthReplies.unknownCompetency(String(input.competency), names) };
  }
  const level = parseLevel(input.level, competency.levels);
  if (level === undefined) return { kind: 'refused', reason: growthReplies.unknownLevel(input.level, competency.levels) };
  const current = (await listConfirmedLevels(deps.db, input.teamId, input.userId)).get(competency.id) ?? 0;
  if (level <= current) return { kind: 'refused', reason: growthReplies.goalAlready(levelName(competency, current)) };
  if (input.confirmerId === input.userId) return { kind: 'refused', reason: growthReplies.selfConfirm };
  const now = deps.clock.now();
  const goal = await insertGoal(deps.db, {
    teamId: input.teamId,
    userId: input.userId,
    competencyId: competency.id,
    targetLevel: level,
    dueDate: input.dueDate,
    timeZone: await deps.users.timeZoneOf(input.userId),
    wasGoal: true,
    startedAt: now,
    confirmerId: input.confirmerId,
  });
  deps.logger.info({ teamId: input.teamId, userId: input.userId, goalId: goal.id, competencyId: competency.id }, 'growth goal set');
  const suggestions = suggestionsBlocks(goal, competency, await suggestMentors(deps.db, input.teamId, competency.id, input.userId));
  return { kind: 'set', goal, competency, suggestions };
}

/**
 * The owner says a goal is reached: it waits for confirmation, and each person who may confirm it (the
 * one they named, else their mentors) gets a DM with a Confirm button.
 */
export async function claimReached(deps: GoalDeps, client: WebClient, input: { teamId: string; userId: string; goalId: number; confirmerId: string | null }): Promise<string> {
  if (input.confirmerId === input.userId) return growthReplies.selfConfirm;
  const claimed = await claimGoal(deps.db, input.teamId, input.goalId, input.userId, input.confirmerId, deps.clock.now());
  if (!claimed) return growthReplies.goalGone;
  const confirmers = claimed.confirmerId ? [claimed.confirmerId] : await listMentorsOf(deps.db, input.teamId, input.userId);
  if (confirmers.length === 0) return growthReplies.noConfirmer;
  const competency = await findCompetencyById(deps.db, input.teamId, claimed.competencyId);
  if (!competency) return growthReplies.goalGone;
  const message = confirmRequestMessage(claimed, competency);
  const asked: string[] = [];
  for (const confirmer of confirmers) {
    try {
      await client.chat.postMessage({ channel: confirmer, text: message.text, blocks: message.blocks });
      asked.push(confirmer);
    } catch (error) {
      deps.logger.warn({ err: error, teamId: input.teamId, goalId: claimed.id }, 'could not ask someone to confirm a goal');
    }
  }
  return asked.length > 0 ? growthReplies.claimed(asked) : growthReplies.noConfirmer;
}

/** The first evidence, for a level claimed without a goal (time-to-competency's start then). */
export async function startOfClaimWithoutGoal(deps: GoalDeps, teamId: string, userId: string, competencyId: number): Promise<Date> {
  return (await findFirstEvidenceAt(deps.db, teamId, userId, competencyId)) ?? deps.clock.now();
}

/** Today's date (YYYY-MM-DD) in a zone. */
export function todayIn(now: Date, timeZone: string): string {
  return isoDateOf(localParts(now, timeZone));
}
