import type { WebClient } from '@slack/web-api';
import type { SlashCommand } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { findLivePairBetween, insertPair, listLivePairsOf, updatePair, type MentoringPair } from '../queries';
import { DEFAULT_MENTOR_CADENCE, formatWhen, nextReminderAt, parseMentorCommand, personRefusal, type MentorCadence } from '../rules';
import { mentorReplies, pairListMessage, requestMessage } from '../blocks';
import { ephemeral, type EphemeralReply } from '../../../platform/slack/replies';
import type { SubcommandHandler } from '../../../platform/slack/subcommand';
import { actorFor } from '../../../platform/slack/permissions';

type Reply = Promise<EphemeralReply>;

/** `/learnloop mentor request|pair|list|cadence|pause|resume|end …`. */
export function mentorSubcommand(deps: Deps): SubcommandHandler {
  return async ({ command, args, rest, client }) => {
    const parsed = parseMentorCommand(args, rest);
    switch (parsed.kind) {
      case 'error':
        return ephemeral(parsed.message);
      case 'list':
        return list(deps, command);
      case 'request':
        return request(deps, client, command, parsed.personId, parsed.note);
      case 'pair':
        return pair(deps, client, command, parsed.mentorId, parsed.menteeId, parsed.cadence);
      default:
        return change(deps, command, parsed);
    }
  };
}

/** Null when the person may be paired with `actorId`, else the sentence saying why not. */
async function refusal(deps: Deps, personId: string, actorId: string): Promise<string | null> {
  const context = { personId, actorId, teamId: deps.teamId, botUserId: deps.botUserId };
  // Self and the Learnloop bot need no users.info call.
  const early = personRefusal({ isBot: false, deleted: false, teamId: deps.teamId }, context);
  const code = early ?? personRefusal(await deps.users.find(personId), context);
  return code ? mentorReplies.refusals[code] : null;
}

async function list(deps: Deps, command: SlashCommand): Reply {
  const pairs = await listLivePairsOf(deps.db, command.team_id, command.user_id);
  const message = pairListMessage(pairs, command.user_id, await deps.users.timeZoneOf(command.user_id));
  return ephemeral(message.text, message.blocks);
}

async function request(deps: Deps, client: WebClient, command: SlashCommand, mentorId: string, note: string | null): Reply {
  return requestMentor(deps, client, { teamId: command.team_id, menteeId: command.user_id, mentorId, note });
}

/** A person asks someone to mentor them (the command, and the growth feature's suggested mentors). */
export async function requestMentor(deps: Deps, client: WebClient, input: { teamId: string; menteeId: string; mentorId: string; note: string | null }): Reply {
  const { teamId, menteeId, mentorId, note } = input;
  const refused = await refusal(deps, mentorId, menteeId);
  if (refused) return ephemeral(refused);
  if (await findLivePairBetween(deps.db, teamId, mentorId, menteeId)) return ephemeral(mentorReplies.exists(mentorId, menteeId));
  const row = await insertPair(deps.db, {
    teamId, mentorId, menteeId, status: 'requested', cadence: DEFAULT_MENTOR_CADENCE, requestedBy: menteeId, requestNote: note, nextReminderAt: null, acceptedAt: null,
  });
  if (!row) return ephemeral(mentorReplies.exists(mentorId, menteeId));
  // A plain DM, not budgeted: it is a request the mentor must answer.
  const message = requestMessage(row);
  try {
    await client.chat.postMessage({ channel: mentorId, text: message.text, blocks: message.blocks });
  } catch (error) {
    deps.logger.warn({ err: error, teamId, userId: menteeId, pairId: row.id }, 'could not deliver a mentor request');
    await updatePair(deps.db, teamId, row.id, ['requested'], { status: 'declined', endedAt: deps.clock.now() });
    return ephemeral(mentorReplies.requestNotDelivered(mentorId));
  }
  deps.logger.info({ teamId, userId: menteeId, pairId: row.id }, 'mentor requested');
  return ephemeral(mentorReplies.requested(mentorId));
}

async function pair(deps: Deps, client: WebClient, command: SlashCommand, mentorId: string, menteeId: string, cadence: MentorCadence): Reply {
  const teamId = command.team_id;
  const adminId = command.user_id;
  if (!(await actorFor(deps, adminId)).isAdmin) return ephemeral(mentorReplies.notAdmin);
  const refused = (await refusal(deps, mentorId, menteeId)) ?? (await refusal(deps, menteeId, mentorId));
  if (refused) return ephemeral(refused);
  if (await findLivePairBetween(deps.db, teamId, mentorId, menteeId)) return ephemeral(mentorReplies.exists(mentorId, menteeId));
  const now = deps.clock.now();
  const next = nextReminderAt(cadence, now, await deps.users.timeZoneOf(mentorId));
  const row = await insertPair(deps.db, {
    teamId, mentorId, menteeId, status: 'active', cadence, requestedBy: adminId, requestNote: null, nextReminderAt: next, acceptedAt: now,
  });
  if (!row) return ephemeral(mentorReplies.exists(mentorId, menteeId));
  deps.logger.info({ teamId, userId: adminId, pairId: row.id }, 'mentoring pair created by an admin');
  const notice = mentorReplies.pairedNotice(adminId, mentorId, menteeId, cadence);
  for (const userId of [mentorId, menteeId]) {
    await client.chat.postMessage({ channel: userId, text: notice }).catch((error) => deps.logger.warn({ err: error, teamId, userId, pairId: row.id }, 'could not tell someone they were paired'));
  }
  return ephemeral(mentorReplies.paired(mentorId, menteeId, cadence));
}

/** cadence / pause / resume / end: either side of the pair may. */
async function change(
  deps: Deps,
  command: SlashCommand,
  parsed: { kind: 'cadence'; personId: string; cadence: MentorCadence } | { kind: 'pause' | 'resume' | 'end'; personId: string },
): Reply {
  const teamId = command.team_id;
  const { personId } = parsed;
  const found = await findLivePairBetween(deps.db, teamId, command.user_id, personId);
  if (!found) return ephemeral(mentorReplies.noPair(personId));
  const now = deps.clock.now();
  const next = async (p: MentoringPair, cadence: MentorCadence) => nextReminderAt(cadence, now, await deps.users.timeZoneOf(p.mentorId));
  let updated: MentoringPair | undefined;
  let reply: string;
  if (parsed.kind === 'cadence') {
    const change = found.status === 'active' ? { cadence: parsed.cadence, nextReminderAt: await next(found, parsed.cadence) } : { cadence: parsed.cadence };
    updated = await updatePair(deps.db, teamId, found.id, [found.status], change);
    reply = mentorReplies.cadenceChanged(personId, parsed.cadence);
  } else if (parsed.kind === 'pause') {
    if (found.status !== 'active') return ephemeral(mentorReplies.notActive(personId));
    updated = await updatePair(deps.db, teamId, found.id, ['active'], { status: 'paused', nextReminderAt: null });
    reply = mentorReplies.paused(personId);
  } else if (parsed.kind === 'resume') {
    if (found.status !== 'paused') return ephemeral(mentorReplies.notPaused(personId));
    const when = await next(found, found.cadence);
    updated = await updatePair(deps.db, teamId, found.id, ['paused'], { status: 'active', nextReminderAt: when, unansweredReminders: 0 });
    reply = mentorReplies.resumed(personId, formatWhen(when, await deps.users.timeZoneOf(command.user_id)));
  } else {
    updated = await updatePair(deps.db, teamId, found.id, ['requested', 'active', 'paused'], { status: 'ended', endedAt: now, nextReminderAt: null });
    reply = mentorReplies.ended(personId);
  }
  if (!updated) return ephemeral(mentorReplies.noPair(personId));
  deps.logger.info({ teamId, userId: command.user_id, pairId: found.id, change: parsed.kind }, 'mentoring pair changed');
  return ephemeral(reply);
}
