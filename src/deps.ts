import type { WebClient } from '@slack/web-api';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Db } from './db/connect';
import type { Logger } from './logger';
import type { AudienceDirectory } from './slack/audiences';
import type { UserDirectory } from './slack/user-directory';

/** What handlers and jobs receive; nothing imports a global database. */
export interface Deps {
  db: Db;
  config: Config;
  logger: Logger;
  clock: Clock;
  /** The bot's Web API client, for scheduled work outside a request. */
  slack: WebClient;
  /** The workspace this bot token belongs to. */
  teamId: string;
  botUserId: string;
  /** e.g. https://acme.slack.com/, for permalinks. */
  workspaceUrl: string;
  users: UserDirectory;
  /** Which channels are private and which private channels a person is in: the audience rule's inputs. */
  audiences: AudienceDirectory;
}
