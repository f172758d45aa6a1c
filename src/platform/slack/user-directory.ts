import type { WebClient } from '@slack/web-api';

/** What Learnloop needs to know of a Slack user. */
export interface SlackUser {
  id: string;
  name: string;
  /** Every name the person goes by (display name, real name), for leaving them out of what the AI partner reads. */
  aliases: string[];
  timeZone: string;
  isBot: boolean;
  deleted: boolean;
  isAdmin: boolean;
  teamId: string | undefined;
  statusEmoji: string | null;
  statusText: string | null;
  statusExpiration: Date | null;
}

interface CacheEntry {
  user: SlackUser | null;
  expires: number;
}

// users.info is rate limited (Tier 4); a few minutes of staleness is fine for time zones and statuses.
const TTL_MS = 5 * 60 * 1000;
const FALLBACK_TIME_ZONE = 'UTC';

/** Looks people up through users.info, with a short in-process cache. */
export class UserDirectory {
  private readonly cache = new Map<string, CacheEntry>();

  /** `clientOf` gives the client of the workspace in scope (see Workspaces). */
  constructor(private readonly clientOf: () => WebClient) {}

  /** The user, or null when Slack does not know them (user_not_found). */
  async find(userId: string): Promise<SlackUser | null> {
    const cached = this.cache.get(userId);
    if (cached && cached.expires > Date.now()) return cached.user;
    let user: SlackUser | null;
    try {
      const result = await this.clientOf().users.info({ user: userId });
      const raw = result.user;
      user = raw
        ? {
            id: userId,
            name: raw.profile?.display_name || raw.real_name || raw.name || userId,
            aliases: [...new Set([raw.profile?.display_name, raw.real_name, raw.profile?.real_name].filter((n): n is string => Boolean(n)))],
            timeZone: raw.tz || FALLBACK_TIME_ZONE,
            isBot: Boolean(raw.is_bot) || userId === 'USLACKBOT',
            deleted: Boolean(raw.deleted),
            isAdmin: Boolean(raw.is_admin || raw.is_owner || raw.is_primary_owner),
            teamId: raw.team_id,
            statusEmoji: raw.profile?.status_emoji || null,
            statusText: raw.profile?.status_text || null,
            statusExpiration: raw.profile?.status_expiration ? new Date(raw.profile.status_expiration * 1000) : null,
          }
        : null;
    } catch (error) {
      if ((error as { data?: { error?: string } }).data?.error === 'user_not_found') user = null;
      else throw error;
    }
    this.cache.set(userId, { user, expires: Date.now() + TTL_MS });
    return user;
  }

  /** The user's IANA time zone (UTC when unknown). */
  async timeZoneOf(userId: string): Promise<string> {
    return (await this.find(userId))?.timeZone ?? FALLBACK_TIME_ZONE;
  }

  forget(userId: string): void {
    this.cache.delete(userId);
  }
}
