import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/connect';
import { findChannelPrivacy, upsertChannelPrivacy } from './queries';
import { channelViewer, personViewer, type Viewer } from './rules';
import type { Logger } from '../../logger';
import { slackErrorCode } from '../slack/slack-error';

// A person's private channels change when they join or leave one; member_joined_channel and
// member_left_channel clear this process's entry, and a minute bounds what other processes may miss.
const VIEWER_TTL_MS = 60_000;
// Slack lets a public channel become private (never the reverse): an hour bounds how long an item said
// after that change is treated as public by a process that checked before it.
const CHANNEL_TTL_MS = 60 * 60_000;

// Each process also keeps Slack's (or the table's) answer for a minute, so the capture of an item (a
// `/learned`, a reply) costs no query for a channel it saw a moment ago.
const CHANNEL_MEMO_MS = 60_000;
const CHANNEL_MEMO_SIZE = 10_000;

interface CachedViewer {
  viewer: Viewer;
  expires: number;
}

/**
 * Learns from Slack who reads what: whether a channel is private (remembered in PostgreSQL, shared by
 * every process) and which private channels a person is in (users.conversations, cached briefly here).
 */
export class AudienceDirectory {
  private readonly viewers = new Map<string, CachedViewer>();
  private readonly channels = new Map<string, { isPrivate: boolean; checkedAt: number }>();

  constructor(
    private readonly deps: { db: Db; logger: Logger; now: () => Date },
  ) {}

  /** Whether a channel is private: DMs are not (their items are a person's own); unknown channels are. */
  async isPrivateChannel(client: WebClient, teamId: string, channelId: string): Promise<boolean> {
    const answer = await this.classify(client, teamId, channelId);
    // Without Slack's answer the item stays with the channel for now (the safe side); the next capture asks again.
    return answer ?? true;
  }

  /** What Slack says of the channel (remembered for every process), or undefined when it would not say. */
  async classify(client: WebClient, teamId: string, channelId: string): Promise<boolean | undefined> {
    if (channelId.startsWith('D')) return false;
    const now = this.deps.now();
    const key = `${teamId}:${channelId}`;
    const memo = this.channels.get(key);
    if (memo && Math.abs(now.getTime() - memo.checkedAt) < CHANNEL_MEMO_MS) return memo.isPrivate;
    const known = await findChannelPrivacy(this.deps.db, teamId, channelId, new Date(now.getTime() - CHANNEL_TTL_MS));
    if (known !== undefined) return this.remember(key, known, now);
    let isPrivate: boolean;
    try {
      const info = await client.conversations.info({ channel: channelId });
      const channel = info.channel as { is_private?: boolean; is_group?: boolean; is_mpim?: boolean } | undefined;
      isPrivate = Boolean(channel?.is_private || channel?.is_group || channel?.is_mpim);
    } catch (error) {
      // A channel Learnloop cannot see is private to someone it is not shared with.
      if (slackErrorCode(error) !== 'channel_not_found') {
        this.deps.logger.warn({ teamId, channelId, reason: slackErrorCode(error) ?? 'network' }, 'could not tell whether a channel is private');
        return undefined;
      }
      isPrivate = true;
    }
    await upsertChannelPrivacy(this.deps.db, teamId, channelId, isPrivate, now);
    return this.remember(key, isPrivate, now);
  }

  private remember(key: string, isPrivate: boolean, now: Date): boolean {
    if (this.channels.size >= CHANNEL_MEMO_SIZE) this.channels.clear();
    this.channels.set(key, { isPrivate, checkedAt: now.getTime() });
    return isPrivate;
  }

  /** The private channel an item said in `channelId` belongs to, or null. */
  async privateChannelOf(client: WebClient, teamId: string, channelId: string | null | undefined): Promise<string | null> {
    if (!channelId) return null;
    return (await this.isPrivateChannel(client, teamId, channelId)) ? channelId : null;
  }

  /** Everyone who can read a post in the channel. */
  async channel(client: WebClient, teamId: string, channelId: string): Promise<Viewer> {
    return channelViewer(channelId, await this.isPrivateChannel(client, teamId, channelId));
  }

  /** A person with the private channels (and group DMs) Learnloop shares with them. */
  async person(client: WebClient, teamId: string, userId: string): Promise<Viewer> {
    const key = `${teamId}:${userId}`;
    const cached = this.viewers.get(key);
    if (cached && cached.expires > Date.now()) return cached.viewer;
    const channels: string[] = [];
    try {
      let cursor: string | undefined;
      do {
        const page = await client.users.conversations({ user: userId, types: 'private_channel,mpim', exclude_archived: false, limit: 999, ...(cursor ? { cursor } : {}) });
        for (const channel of page.channels ?? []) if (channel.id) channels.push(channel.id);
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
    } catch (error) {
      // Without Slack's answer the person sees what everyone sees, plus their own: never more.
      this.deps.logger.warn({ teamId, userId, reason: slackErrorCode(error) ?? 'network' }, 'could not list a person’s private channels');
      return personViewer(userId, []);
    }
    const viewer = personViewer(userId, channels);
    this.viewers.set(key, { viewer, expires: Date.now() + VIEWER_TTL_MS });
    if (this.viewers.size > 10_000) this.viewers.delete(this.viewers.keys().next().value as string);
    return viewer;
  }

  /** Someone joined or left a channel: their private channels are read again next time. */
  forget(teamId: string, userId: string): void {
    this.viewers.delete(`${teamId}:${userId}`);
  }
}
