import { AsyncLocalStorage } from 'node:async_hooks';
import { WebClient } from '@slack/web-api';
import type { Db } from '../db/connect';
import type { Logger } from '../../logger';
import {
  claimTokenRefresh,
  findServingInstallationRow,
  listExpiringInstallationIds,
  openRow,
  releaseTokenRefresh,
  storeRefreshedTokens,
  type InstalledBot,
} from './installation-store';
import type { TokenCipher } from './token-cipher';

/** Everything work for one workspace needs of Slack: its bot, its address and clients with its token. */
export interface WorkspaceContext {
  /** The workspace (T…) the work is for; in an org-wide install, the workspace of the request or row. */
  teamId: string;
  enterpriseId: string | null;
  botUserId: string;
  botId: string;
  /** e.g. https://acme.slack.com/, for permalinks. */
  url: string;
  /** Retries 429s, 5xx and network errors. */
  slack: WebClient;
  /** No retries: for posts that must appear once, through postOnce. */
  poster: WebClient;
}

export interface SlackClients {
  slack: WebClient;
  poster: WebClient;
}

/** Work that needs a workspace's token ran where no workspace was chosen: refused rather than guessed. */
export class NoWorkspaceInScope extends Error {
  override name = 'NoWorkspaceInScope';
  constructor() {
    super('no workspace is in scope for this Slack call (distribution mode needs one; see Workspaces.within)');
  }
}

/** Bolt's authorize found no installation for the request's workspace. */
export class NotInstalled extends Error {
  override name = 'NotInstalled';
  constructor(readonly teamId: string | undefined) {
    super('Learnloop is not installed in this workspace');
  }
}

/** What Bolt's `authorize` receives of a request (its InstallationQuery-like source). */
export interface AuthorizeSource {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}

interface Cached {
  bot: InstalledBot;
  url: string;
  clients: SlackClients;
  expires: number;
}

// Decrypted tokens stay in memory this long at most: long enough to spare PostgreSQL a read per request,
// short enough that an uninstall or a rotation in another process is seen within a minute.
const CACHE_MS = 60_000;
// Slack's rotating tokens live 12 hours; the job renews them 2 hours ahead, a request 5 minutes ahead.
export const REFRESH_AHEAD_MS = 2 * 60 * 60 * 1000;
const REFRESH_NOW_MS = 5 * 60 * 1000;
const REFRESH_LEASE_MS = 30_000;
const SKIP_LOG_EVERY_MS = 10 * 60 * 1000;

export interface DistributionOptions {
  cipher: TokenCipher;
  clientId: string;
  clientSecret: string;
  slackApiUrl: string | undefined;
}

/**
 * Which workspace's token a piece of work uses. A request runs in the workspace Bolt's authorize found;
 * a job runs each workspace's work inside `within(teamId, …)`. In single-workspace mode the one token
 * serves everything; in distribution mode, work outside a workspace's scope cannot reach Slack at all,
 * so no call is ever sent with another workspace's token.
 */
export class Workspaces {
  private readonly scope = new AsyncLocalStorage<WorkspaceContext>();
  private readonly cache = new Map<string, Cached>();
  private readonly seenWorkspaces = new Set<string>();
  private readonly skipLogged = new Map<string, number>();

  constructor(
    private readonly options: {
      db: Db;
      logger: Logger;
      now: () => Date;
      makeClients: (token: string) => SlackClients;
      /** Single-workspace mode: the one workspace. */
      single?: WorkspaceContext;
      /** Distribution mode: how tokens are opened and refreshed. */
      distribution?: DistributionOptions;
    },
  ) {}

  get distributed(): boolean {
    return this.options.single === undefined;
  }

  /** The workspace in scope: the request's or the job step's; in single-workspace mode, the one workspace. */
  current(): WorkspaceContext {
    const context = this.scope.getStore() ?? this.options.single;
    if (!context) throw new NoWorkspaceInScope();
    return context;
  }

  /** Runs `work` with `context` in scope (and everything it starts, awaited or not). */
  run<T>(context: WorkspaceContext, work: () => T): T {
    return this.scope.run(context, work);
  }

  /**
   * Runs a job's work for one workspace with that workspace's token in scope. A workspace no installation
   * serves is skipped (logged now and then): its work waits, it is never sent with another token.
   */
  async within<T>(teamId: string, job: string, work: () => Promise<T>): Promise<T | undefined> {
    const context = await this.contextFor(teamId);
    if (!context) {
      this.logSkip(teamId, job);
      return undefined;
    }
    return this.run(context, work);
  }

  /** Logs, now and then, that a workspace's work is skipped for want of an installation. */
  private logSkip(teamId: string, what: string): void {
    const last = this.skipLogged.get(teamId) ?? 0;
    if (Date.now() - last <= SKIP_LOG_EVERY_MS) return;
    this.skipLogged.set(teamId, Date.now());
    this.options.logger.warn({ teamId, what }, 'no installation serves this workspace; its work is skipped');
  }

  /** The context of a workspace: its own installation's, else its org's; undefined when none serves it. */
  async contextFor(teamId: string, enterpriseId?: string): Promise<WorkspaceContext | undefined> {
    if (this.options.single) return this.options.single;
    const cached = await this.installationFor(teamId, enterpriseId);
    if (!cached) return undefined;
    return { teamId, enterpriseId: cached.bot.enterpriseId, botUserId: cached.bot.botUserId, botId: cached.bot.botId, url: cached.url, ...cached.clients };
  }

  /**
   * Bolt's `authorize` in distribution mode: the bot token of the installation serving the request's
   * workspace (or org, for an org-wide install). The context rides along for the scope middleware.
   */
  async authorize(source: AuthorizeSource): Promise<{ botToken: string; botId: string; botUserId: string; teamId?: string; enterpriseId?: string; learnloopWorkspace: WorkspaceContext }> {
    const teamId = source.teamId;
    const context =
      source.isEnterpriseInstall && source.enterpriseId && !teamId
        ? await this.orgContext(source.enterpriseId)
        : teamId
          ? await this.contextFor(teamId, source.enterpriseId)
          : undefined;
    if (!context) throw new NotInstalled(teamId ?? source.enterpriseId);
    if (teamId) await this.remember(teamId, context.enterpriseId);
    return { botToken: tokenOf(context), botId: context.botId, botUserId: context.botUserId, teamId, enterpriseId: source.enterpriseId, learnloopWorkspace: context };
  }

  /**
   * Runs the storing of an event that bypasses Bolt (thread replies) in its workspace's scope. An event
   * from a workspace no installation serves is not stored (Bolt's authorize ignores its other requests too).
   */
  async forEvent(body: { team_id: string; enterprise_id?: unknown }, work: () => Promise<void>): Promise<void> {
    if (this.options.single) return work();
    const enterpriseId = typeof body.enterprise_id === 'string' ? body.enterprise_id : undefined;
    const context = await this.contextFor(body.team_id, enterpriseId);
    if (!context) {
      this.logSkip(body.team_id, 'event');
      return;
    }
    await this.remember(body.team_id, context.enterpriseId);
    return this.run(context, work);
  }

  /** Drops what is cached of an installation (after an uninstall, a reinstall or a rekey). */
  forget(installationId: string): void {
    this.cache.delete(installationId);
    for (const [key, entry] of this.cache) if (entry.bot.id === installationId) this.cache.delete(key);
  }

  /** Renews every rotating token that expires within two hours; once across processes. Returns how many. */
  async refreshExpiringTokens(now: Date): Promise<number> {
    if (!this.options.distribution) return 0;
    let refreshed = 0;
    for (const id of await listExpiringInstallationIds(this.options.db, new Date(now.getTime() + REFRESH_AHEAD_MS))) {
      try {
        if (await this.refresh(id, new Date(now.getTime() + REFRESH_AHEAD_MS), now)) refreshed += 1;
      } catch (error) {
        this.options.logger.error({ err: error, installationId: id }, 'could not refresh a rotating token; trying again next minute');
      }
    }
    return refreshed;
  }

  private async orgContext(enterpriseId: string): Promise<WorkspaceContext | undefined> {
    const cached = await this.installationFor(enterpriseId, enterpriseId);
    if (!cached) return undefined;
    return { teamId: enterpriseId, enterpriseId, botUserId: cached.bot.botUserId, botId: cached.bot.botId, url: cached.url, ...cached.clients };
  }

  /** A workspace of an org, first seen in a request, joins the workspaces jobs run for. */
  private async remember(teamId: string, enterpriseId: string | null): Promise<void> {
    if (this.seenWorkspaces.has(teamId)) return;
    await this.options.db
      .insertInto('workspace')
      .values({ teamId, name: null, url: null, botUserId: null, enterpriseId, uninstalledAt: null })
      .onConflict((oc) => oc.column('teamId').doUpdateSet((eb) => ({ enterpriseId: eb.fn.coalesce('excluded.enterpriseId', 'workspace.enterpriseId') })))
      .execute();
    this.seenWorkspaces.add(teamId);
  }

  private async installationFor(teamId: string, enterpriseId?: string): Promise<Cached | undefined> {
    const now = this.options.now();
    let cached = this.cache.get(teamId);
    // A rotating token near its end is read again until the refresh (by any process) has replaced it.
    const nearEnd = cached?.bot.tokenExpiresAt && cached.bot.tokenExpiresAt.getTime() - now.getTime() < REFRESH_AHEAD_MS;
    if (!cached || cached.expires <= Date.now() || nearEnd) {
      cached = await this.load(teamId, enterpriseId);
      if (!cached) return undefined;
    }
    if (cached.bot.refreshToken && cached.bot.tokenExpiresAt && cached.bot.tokenExpiresAt.getTime() - now.getTime() < REFRESH_NOW_MS) {
      await this.refresh(cached.bot.id, new Date(now.getTime() + REFRESH_NOW_MS), now).catch((error) =>
        this.options.logger.error({ err: error, installationId: cached!.bot.id }, 'could not refresh a rotating token'),
      );
      cached = (await this.load(teamId, enterpriseId)) ?? cached;
    }
    return cached;
  }

  private async load(teamId: string, enterpriseId?: string): Promise<Cached | undefined> {
    const { db, distribution } = this.options;
    if (!distribution) return undefined;
    const row = await findServingInstallationRow(db, teamId, enterpriseId);
    if (!row) {
      this.cache.delete(teamId);
      return undefined;
    }
    const bot = openRow(distribution.cipher, row);
    const workspace = await db.selectFrom('workspace').select('url').where('teamId', '=', teamId).executeTakeFirst();
    const previous = this.cache.get(teamId);
    const clients = previous && tokenOfClients(previous.clients) === bot.botToken ? previous.clients : this.options.makeClients(bot.botToken);
    const entry: Cached = { bot, url: workspace?.url ?? bot.url ?? 'https://slack.com/', clients, expires: Date.now() + CACHE_MS };
    this.cache.set(teamId, entry);
    return entry;
  }

  /**
   * Renews one installation's rotating token if it expires before `expiresBefore` and no other process is
   * renewing it (the claim in PostgreSQL). Slack answers a refresh with a new token pair; the old refresh
   * token stops working, so two processes refreshing at once would lose one pair.
   */
  private async refresh(id: string, expiresBefore: Date, now: Date): Promise<boolean> {
    const { db, distribution, logger } = this.options;
    if (!distribution) return false;
    const claimed = await claimTokenRefresh(db, id, expiresBefore, now, REFRESH_LEASE_MS);
    if (!claimed) return false;
    try {
      const bot = openRow(distribution.cipher, claimed);
      const client = new WebClient(undefined, { slackApiUrl: distribution.slackApiUrl, retryConfig: { retries: 2 } });
      const result = (await client.oauth.v2.access({
        client_id: distribution.clientId,
        client_secret: distribution.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: bot.refreshToken ?? '',
      })) as { access_token?: string; refresh_token?: string; expires_in?: number };
      if (!result.access_token || !result.refresh_token || !result.expires_in) throw new Error('Slack answered a token refresh without a new token pair');
      await storeRefreshedTokens(db, distribution.cipher, { ...bot, botToken: result.access_token, refreshToken: result.refresh_token, tokenExpiresAt: new Date(now.getTime() + result.expires_in * 1000) }, now);
      this.forget(id);
      logger.info({ installationId: id }, 'refreshed a rotating bot token');
      return true;
    } catch (error) {
      await releaseTokenRefresh(db, id);
      throw error;
    }
  }
}

function tokenOf(context: WorkspaceContext): string {
  return tokenOfClients(context);
}

function tokenOfClients(clients: SlackClients): string {
  return clients.slack.token ?? '';
}

