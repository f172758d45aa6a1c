import type { WebClient } from '@slack/web-api';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Db } from './platform/db/connect';
import type { Logger } from './logger';
import type { AudienceDirectory } from './platform/audience/directory';
import type { UserDirectory } from './platform/slack/user-directory';
import type { Workspaces } from './platform/installations/workspaces';

/** What handlers and jobs receive; nothing imports a global database. */
export interface Deps {
  db: Db;
  config: Config;
  logger: Logger;
  clock: Clock;
  /**
   * Which workspace's token work uses. The five fields below read the workspace in scope: the request's,
   * or the one a job runs `workspaces.within(teamId, …)` for (in single-workspace mode, the one workspace).
   */
  workspaces: Workspaces;
  /** The bot's Web API client for the workspace in scope, for work outside a request's own client. */
  readonly slack: WebClient;
  /**
   * The same bot, without automatic retries: for posts that must appear once (prompts, review summaries,
   * digests, DMs), through postOnce, which looks for a post before sending it again.
   */
  readonly poster: WebClient;
  /** The workspace in scope. */
  readonly teamId: string;
  readonly botUserId: string;
  /** e.g. https://acme.slack.com/, for permalinks. */
  readonly workspaceUrl: string;
  users: UserDirectory;
  /** Which channels are private and which private channels a person is in: the audience rule's inputs. */
  audiences: AudienceDirectory;
  /**
   * Publishes a person's App Home again after a change (the home feature's publishHome, handed in by the
   * app so that features which change what the Home shows need not import it).
   */
  refreshHome(client: WebClient, userId: string, teamId?: string): Promise<void>;
}
