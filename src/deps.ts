import type { WebClient } from '@slack/web-api';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Db } from './platform/db/connect';
import type { Logger } from './logger';
import type { AudienceDirectory } from './platform/audience/directory';
import type { UserDirectory } from './platform/slack/user-directory';

/** What handlers and jobs receive; nothing imports a global database. */
export interface Deps {
  db: Db;
  config: Config;
  logger: Logger;
  clock: Clock;
  /** The bot's Web API client, for scheduled work outside a request. */
  slack: WebClient;
  /**
   * The same bot, without automatic retries: for posts that must appear once (prompts, review summaries,
   * digests, DMs), through postOnce, which looks for a post before sending it again.
   */
  poster: WebClient;
  /** The workspace this bot token belongs to. */
  teamId: string;
  botUserId: string;
  /** e.g. https://acme.slack.com/, for permalinks. */
  workspaceUrl: string;
  users: UserDirectory;
  /** Which channels are private and which private channels a person is in: the audience rule's inputs. */
  audiences: AudienceDirectory;
  /**
   * Publishes a person's App Home again after a change (the home feature's publishHome, handed in by the
   * app so that features which change what the Home shows need not import it).
   */
  refreshHome(client: WebClient, userId: string, teamId?: string): Promise<void>;
}
