import type { Deps } from '../../../deps';
import type { AiClient, AiQuestion } from '../../../platform/ai/ai-client';
import { Anonymiser } from '../../../platform/ai/anonymise';
import type { AiDraftKind } from '../../../platform/db/schema';
import { postOnce } from '../../../platform/slack/post-once';
import { enqueueDm } from '../../../platform/scheduler/scheduled-dms';
import { channelMembersOf } from '../../../platform/slack/channel-access';
import type { WebClient } from '@slack/web-api';
import { truncate } from '../../../platform/ui/text';
import { draftMessage } from '../blocks';
import { claimAiRequest, claimDraft, deleteDraft, findAiSetting, isChannelOptedOut, markDraftReady, type AiDraft, type Material } from '../queries';
import { budgetDay, MAX_ITEM_CHARS, MAX_ITEMS, PROMPT_VERSION } from '../rules';

// users.info is looked up (and cached) for each; a very large channel's other members are still caught by mention.
const MAX_MEMBERS_NAMED = 300;

/** The queued DM kinds of this feature: a draft a job made, and the one line when it could not. */
export const AI_DRAFT_DM = 'ai_draft';
export const AI_NOTICE_DM = 'ai_notice';

/** What the AI feature's flows receive: the app's deps and the model client (undefined: not configured). */
export type AiDeps = Deps & { ai: AiClient | undefined };

export type Availability = { kind: 'on'; ai: AiClient; budget: number } | { kind: 'not_configured' } | { kind: 'off' } | { kind: 'opted_out' };

/** Whether anything may be sent for this channel: the operator's endpoint, the workspace's switch and the channel's. */
export async function aiAvailability(deps: AiDeps, teamId: string, channelId: string | null): Promise<Availability> {
  if (!deps.ai) return { kind: 'not_configured' };
  const setting = await findAiSetting(deps.db, teamId);
  if (!setting.enabled) return { kind: 'off' };
  if (channelId !== null && (await isChannelOptedOut(deps.db, teamId, channelId))) return { kind: 'opted_out' };
  return { kind: 'on', ai: deps.ai, budget: setting.dailyBudget };
}

/** What a flow gives the partner: the request to make from anonymised material, and how to show its answer. */
export interface DraftRecipe<T> {
  question(anonymiser: Anonymiser): Omit<AiQuestion<T>, 'task'>;
  render(value: T, anonymiser: Anonymiser): { body: string; candidates: string[] };
}

export type DraftOutcome =
  | { kind: 'drafted'; draft: AiDraft; body: string; candidates: string[] }
  | { kind: 'not_configured' | 'off' | 'opted_out' | 'already' | 'failed' }
  | { kind: 'budget'; budget: number };

/**
 * Makes one draft for one person: checks the switches, claims the draft (one per person per subject, across
 * processes), counts the request against the day's budget, asks the model and keeps the rendered draft.
 * `deliver: 'dm'` sends it to the person's DMs (once); otherwise the caller shows it. A draft that could not
 * be made is forgotten, so it may be asked for again.
 */
export async function makeDraft<T>(
  deps: AiDeps,
  request: { /** The client that checked the reader, so the channel's members come from its memory. */ client?: WebClient; teamId: string; userId: string; kind: AiDraftKind; subjectId: number | null; channelId: string; threadTs: string | null; people: readonly string[]; replaceDiscarded: boolean; /** `dm`: now, to the person who asked; `queue`: through the shared DM queue (budget, quiet hours), for a draft nobody asked for just now. */ deliver: 'dm' | 'queue' | 'caller'; canPublish: boolean },
  recipe: DraftRecipe<T>,
): Promise<DraftOutcome> {
  const availability = await aiAvailability(deps, request.teamId, request.channelId.startsWith('D') ? null : request.channelId);
  if (availability.kind !== 'on') return { kind: availability.kind };
  const { ai } = availability;
  const claimed = await claimDraft(
    deps.db,
    { teamId: request.teamId, userId: request.userId, kind: request.kind, subjectId: request.subjectId, channelId: request.channelId, threadTs: request.threadTs, model: ai.model, promptVersion: PROMPT_VERSION },
    { replaceDiscarded: request.replaceDiscarded },
  );
  if (!claimed) return { kind: 'already' };
  try {
    if (!(await claimAiRequest(deps.db, request.teamId, budgetDay(deps.clock.now()), availability.budget))) {
      await deleteDraft(deps.db, request.teamId, claimed.id);
      return { kind: 'budget', budget: availability.budget };
    }
    const anonymiser = new Anonymiser(await namesOf(deps, await peopleAround(deps, request)));
    const answer = await ai.ask({ task: request.kind, ...recipe.question(anonymiser) });
    if (answer.kind === 'failed') {
      await deleteDraft(deps.db, request.teamId, claimed.id);
      return { kind: 'failed' };
    }
    const { body, candidates } = recipe.render(answer.value, anonymiser);
    let dm: { channel: string; ts: string } | null = null;
    const message = draftMessage({ id: claimed.id, kind: request.kind, channelId: request.channelId, body, candidates, canPublish: request.canPublish });
    if (request.deliver === 'queue') {
      await enqueueDm(deps.db, { teamId: request.teamId, userId: request.userId, kind: AI_DRAFT_DM, dedupeKey: `${AI_DRAFT_DM}:${claimed.id}`, payload: { text: message.text, blocks: message.blocks, aiDraftId: claimed.id }, dueAt: deps.clock.now(), onlyUsefulOnDay: false });
    }
    if (request.deliver === 'dm') {
      const posted = await postOnce(deps.poster, { channel: request.userId, text: message.text, blocks: message.blocks, unfurl_links: false }, { eventType: 'learnloop_ai_draft', payload: { ai_draft_id: claimed.id } }, deps.logger);
      if (posted.kind !== 'posted') throw new Error(`the draft could not be sent: ${posted.reason}`);
      dm = { channel: posted.channel, ts: posted.ts };
    }
    await markDraftReady(deps.db, request.teamId, claimed.id, { body, candidates, dmChannelId: dm?.channel ?? null, dmTs: dm?.ts ?? null });
    return { kind: 'drafted', draft: { ...claimed, body, candidates, status: 'draft' }, body, candidates };
  } catch (error) {
    await deleteDraft(deps.db, request.teamId, claimed.id).catch(() => undefined);
    throw error;
  }
}

/** Numbered items for a request: each cut short and anonymised; numbers start at 1. */
export function numberedItems(items: readonly Material[], anonymiser: Anonymiser): { n: number; text: string }[] {
  return items.slice(0, MAX_ITEMS).map((item, index) => ({ n: index + 1, text: anonymiser.scrub(truncate(item.text, MAX_ITEM_CHARS)) }));
}

/** The people whose names may appear in the items: the authors and everyone they mention. */
export function peopleIn(items: readonly Material[]): string[] {
  const ids = new Set<string>();
  for (const item of items) {
    ids.add(item.authorId);
    for (const match of item.text.matchAll(/<@([UW][A-Z0-9]+)/g)) ids.add(match[1]!);
  }
  return [...ids].slice(0, 60);
}

/**
 * Everyone whose name may turn up in the material: its authors and the people they mention, the reader, and
 * the channel's members (people write "Ada fixed it" about a teammate who wrote nothing there).
 */
async function peopleAround(deps: AiDeps, request: { client?: WebClient; teamId: string; people: readonly string[]; userId: string; channelId: string }): Promise<string[]> {
  const members = request.channelId.startsWith('D')
    ? []
    : await channelMembersOf(request.client ?? deps.slack, request.teamId, request.channelId).catch((error: unknown) => {
        deps.logger.warn({ err: error, channelId: request.channelId }, 'AI partner: channel members unknown; names are left out by mention only');
        return [] as readonly string[];
      });
  return [...new Set([...request.people, request.userId, ...members.slice(0, MAX_MEMBERS_NAMED)])];
}

async function namesOf(deps: AiDeps, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const people = new Map<string, string[]>();
  await Promise.all(
    userIds.map(async (userId) => {
      // Someone Slack cannot tell us about still becomes a participant through their mentions and id.
      const user = await deps.users.find(userId).catch(() => null);
      people.set(userId, user ? [user.name, ...user.aliases.filter((alias) => alias !== user.name)] : []);
    }),
  );
  return people;
}
