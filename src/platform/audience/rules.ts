/**
 * Who may see what: the one rule of Learnloop. Every stored item has an audience — its author only; the
 * two people of a feedback or a check-in; the members of the private channel it was said in; or the
 * workspace — and may hide its author. A surface (an ephemeral answer, a DM, the App Home, a post in a
 * channel) is read by an audience too, and an item may appear on it only when the item's audience takes
 * in everyone who can read the surface. The same rule runs in SQL (platform/audience/queries.ts); the
 * privacy matrix test checks the two agree on every surface for every viewer.
 */

/**
 * Who reads a surface. A person (an ephemeral answer, a DM, their App Home) is `userId` with the private
 * channels they are in. A post in a channel has no single reader: `userId` is null and the channel
 * counts only when it is private (a public channel's readers are anyone in the workspace).
 */
export interface Viewer {
  userId: string | null;
  privateChannelIds: readonly string[];
}

/** An item as the rule sees it. */
export interface AudienceItem {
  authorId: string;
  /** Only its author may read it (a private reply, an "Only me" learning). */
  authorOnly: boolean;
  /** The private channel it was said in; null for a public channel, a DM or no channel. */
  privateChannelId: string | null;
  /** Shared without a name: nobody but the author learns who wrote it. */
  anonymous: boolean;
}

/** A person reading a surface of their own. */
export function personViewer(userId: string, privateChannelIds: readonly string[]): Viewer {
  return { userId, privateChannelIds };
}

/** Everyone who can read a post in the channel. */
export function channelViewer(channelId: string, isPrivate: boolean): Viewer {
  return { userId: null, privateChannelIds: isPrivate ? [channelId] : [] };
}

/** The workspace as a whole (workspace-wide figures). */
export const WORKSPACE_VIEWER: Viewer = { userId: null, privateChannelIds: [] };

/** Whether everyone reading the surface may read the item's text. */
export function canSee(item: AudienceItem, viewer: Viewer): boolean {
  if (viewer.userId !== null && item.authorId === viewer.userId) return true;
  if (item.authorOnly) return false;
  return item.privateChannelId === null || viewer.privateChannelIds.includes(item.privateChannelId);
}

/** The author to show beside the item on this surface, or null (anonymous to everyone but its author). */
export function shownAuthor(item: Pick<AudienceItem, 'authorId' | 'anonymous'>, viewer: Viewer): string | null {
  return item.anonymous && item.authorId !== viewer.userId ? null : item.authorId;
}

/** A feedback or a check-in note: only its two people ever read it. */
export function pairCanSee(pair: { firstId: string; secondId: string }, viewer: Viewer): boolean {
  return viewer.userId !== null && (viewer.userId === pair.firstId || viewer.userId === pair.secondId);
}

/** The private channel an item captured in `channelId` belongs to, given what Slack says of the channel. */
export function privateChannelOf(channelId: string | null | undefined, isPrivate: boolean): string | null {
  return channelId && isPrivate ? channelId : null;
}
