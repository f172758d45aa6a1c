import { App, type Receiver } from '@slack/bolt';
import { WebClient, type RetryOptions } from '@slack/web-api';
import { sql } from 'kysely';
import type { Clock } from './clock';
import type { Config } from './config';
import { connectDatabase, type DatabaseHandle, type Db } from './platform/db/connect';
import { migrateToLatest } from './platform/db/migrate';
import { upsertWorkspace } from './platform/db/workspaces';
import type { Deps } from './deps';
import { slackLogger, type Logger } from './logger';
import { startScheduler, type Job, type Scheduler } from './platform/scheduler';
import { allFeatures } from './features';
import { registerAudienceEvents } from './platform/audience/events';
import { classifyChannels } from './platform/audience/classify-channels';
import { cleanShortLivedRows } from './platform/scheduler/clean-short-lived-rows';
import { sendScheduledDms } from './platform/scheduler/send-scheduled-dms';
import { dedupeEvents } from './platform/receivers/dedupe-events';
import { publishHome } from './features/home';
import { installWelcomeMessage } from './features/prompts';
import type { Feature } from './platform/feature';
import { HttpReceiver } from './platform/receivers/http-receiver';
import { SocketReceiver } from './platform/receivers/socket-receiver';
import { Router } from './platform/receivers/router';
import { stopChartRenderer } from './platform/chart/chart';
import { EVENTS_STORED_BEFORE_ANSWER, type DispatcherOptions, type EventEnvelope } from './platform/receivers/dispatch';
import { Spool } from './platform/receivers/spool';
import { claimEventReceipt, hasEventReceipt } from './platform/db/event-receipts';
import { join } from 'node:path';
import { AudienceDirectory } from './platform/audience/directory';
import { UserDirectory } from './platform/slack/user-directory';
import { verifySlackToken } from './platform/slack/verify-token';
import { TokenCipher } from './platform/installations/token-cipher';
import { Workspaces, type AuthorizeSource, type SlackClients, type WorkspaceContext } from './platform/installations/workspaces';
import { PostgresInstallationStore } from './platform/installations/installation-store';
import { oauthRoutes, type RouteHandler } from './platform/installations/oauth-routes';
import { welcomeInstaller } from './platform/installations/welcome-installer';
import { installationJobs } from './platform/installations/jobs';

export interface Learnloop {
  deps: Deps;
  scheduler: Scheduler;
  /** The HTTP port in HTTP mode (the bound one when PORT=0). */
  port: number | undefined;
  /** Resolves once every Slack request received so far has finished, work after its answer included. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/** Start-up was stopped by a signal; what it had started is stopped again. */
export class StartupStopped extends Error {
  override name = 'StartupStopped';
  constructor() {
    super('Learnloop was stopped before it finished starting');
  }
}

/**
 * Waits for `work` unless `signal` aborts first. The work is not cancelled: only steps whose result
 * needs no clean-up (a check, a connection the catch below closes) are raced this way.
 */
function unlessStopped<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(new StartupStopped());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new StartupStopped());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function throwIfStopped(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new StartupStopped();
}

// 429s wait for Retry-After; 5xx and network errors back off; nothing waits for half an hour.
const SLACK_RETRIES: RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 4_000, randomize: true };
const POST_TIMEOUT_MS = 30_000;

/**
 * Starts Learnloop: database (+ migrations), Slack token check, Bolt receiver, listeners, schedulers.
 * When `options.signal` aborts before it is done, it stops what it started (the embedded PostgreSQL
 * included, once it is up) and rejects with StartupStopped.
 */
export async function startLearnloop(config: Config, logger: Logger, clock: Clock, options: { signal?: AbortSignal } = {}): Promise<Learnloop> {
  const { signal } = options;
  let database: DatabaseHandle | undefined;
  let startedReceiver: { stop(): Promise<void> } | undefined;
  let spool: Spool | undefined;
  try {
    throwIfStopped(signal);
    // Not raced: the embedded server must finish starting (pg_ctl waits for it) before it can be stopped.
    database = await connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }, logger);
    throwIfStopped(signal);
    await migrateToLatest(database.db, logger);
    throwIfStopped(signal);
    const makeClients = slackClients(config, logger);
    const now = () => clock.now();
    let identity: SlackIdentity | undefined;
    let workspaces: Workspaces;
    let routes: Map<string, RouteHandler> | undefined;
    if (config.distribution) {
      const cipher = new TokenCipher(config.distribution.encryptionKeys);
      workspaces = new Workspaces({ db: database.db, logger, now, makeClients, distribution: { cipher, clientId: config.distribution.clientId, clientSecret: config.distribution.clientSecret, slackApiUrl: config.slackApiUrl } });
      const store = new PostgresInstallationStore(database.db, cipher, now, (bot) => welcomeInstaller(database!.db, workspaces, logger, bot, installWelcomeMessage()));
      routes = oauthRoutes({ db: database.db, logger, distribution: config.distribution, slackApiUrl: config.slackApiUrl, installationStore: store, now });
    } else {
      const token = config.slackBotToken ?? '';
      identity = await unlessStopped(verifySlackToken({ token, slackApiUrl: config.slackApiUrl }, logger), signal);
      await upsertWorkspace(database.db, { teamId: identity.teamId, name: identity.teamName, botUserId: identity.botUserId, url: identity.url });
      const single = { teamId: identity.teamId, enterpriseId: null, botUserId: identity.botUserId, botId: identity.botId, url: identity.url, ...makeClients(token) };
      workspaces = new Workspaces({ db: database.db, logger, now, makeClients, single });
    }

    const deps = makeDeps(config, logger, clock, database.db, workspaces);
    const features = allFeatures(deps);
    spool = Spool.open(join(config.dataDir, 'spool'), logger);
    const dispatch = { ...dispatchOptions(database.db, spool, features), inWorkspace: workspaces.distributed ? (body: EventEnvelope, work: () => Promise<void>) => workspaces.forEvent(body, work) : undefined };
    const handlers = features.flatMap((feature) => (feature.http ? [feature.http] : []));
    const { receiver, httpReceiver } = makeReceiver(config, logger, database.db, dispatch, routes, handlers);
    // Work after an answer gets as many places as the database pool has connections.
    registerWithBolt(config, logger, identity, receiver, deps, features, database.pool.options.max ?? 10);

    throwIfStopped(signal);
    startedReceiver = receiver;
    const port = await unlessStopped(httpReceiver ? httpReceiver.start() : (receiver as SocketReceiver).start().then(() => undefined), signal);
    throwIfStopped(signal);
    const replay = replaySpoolWhileActive(receiver, database.db, config.spoolRetryMs);
    const scheduler = startScheduler(deps, jobsOf(deps, features), { enabled: config.schedulerEnabled });
    logger.info({ teamId: identity?.teamId, distribution: config.distribution !== undefined, mode: config.socketMode ? 'socket' : 'http', port }, 'Learnloop is running');

    const handle = database;
    const openSpool = spool;
    let stopping: Promise<void> | undefined;
    return {
      deps,
      scheduler,
      port,
      settled: () => receiver.settled(),
      stop() {
        stopping ??= (async () => {
          await receiver.stop();
          await replay.stop();
          await scheduler.stop();
          await openSpool.close();
          await stopChartRenderer();
          await handle.close();
          logger.info('Learnloop stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    await startedReceiver?.stop().catch((stopError) => logger.warn({ err: stopError }, 'could not stop the Slack receiver'));
    await spool?.close().catch((closeError) => logger.warn({ err: closeError }, 'could not close the spool'));
    await database?.close().catch((closeError) => logger.error({ err: closeError }, 'could not close the database'));
    throw error;
  }
}

/**
 * Every job the scheduler runs each minute, in order: channels are sorted into audiences first, then
 * each feature's due work queues or posts, then queued DMs go out, then the clean-ups.
 */
export function jobsOf(deps: Deps, features: readonly Feature[]): Job[] {
  return [
    classifyChannels(deps),
    ...features.flatMap((feature) => feature.jobs ?? []),
    sendScheduledDms(deps, Object.assign({}, ...features.map((feature) => feature.dmRelevance ?? {}))),
    cleanShortLivedRows(deps, features.flatMap((feature) => feature.shortLivedRows ?? [])),
    ...features.flatMap((feature) => feature.housekeeping ?? []),
    ...installationJobs(deps),
  ];
}

type SlackIdentity = Awaited<ReturnType<typeof verifySlackToken>>;

/** A workspace's two Web API clients for a bot token. */
function slackClients(config: Config, logger: Logger): (token: string) => SlackClients {
  return (token) => ({
    slack: new WebClient(token, { slackApiUrl: config.slackApiUrl, retryConfig: SLACK_RETRIES, logger: slackLogger(logger) }),
    // 429s are waited out by postOnce itself; 5xx and timeouts are never retried blindly. The timeout keeps
    // every post far inside a claim's 5-minute lease, so a stale-claim recovery never races a live post.
    poster: new WebClient(token, { slackApiUrl: config.slackApiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: POST_TIMEOUT_MS, logger: slackLogger(logger) }),
  });
}

/**
 * What every handler and job receives (nothing imports a global database or client). The Slack fields
 * read the workspace in scope, so the same handler serves every installed workspace with its own token.
 */
function makeDeps(config: Config, logger: Logger, clock: Clock, db: Db, workspaces: Workspaces): Deps {
  const deps: Deps = {
    db,
    config,
    logger,
    clock,
    workspaces,
    get slack() {
      return workspaces.current().slack;
    },
    get poster() {
      return workspaces.current().poster;
    },
    get teamId() {
      return workspaces.current().teamId;
    },
    get botUserId() {
      return workspaces.current().botUserId;
    },
    get workspaceUrl() {
      return workspaces.current().url;
    },
    users: new UserDirectory(() => workspaces.current().slack),
    audiences: new AudienceDirectory({ db, logger, now: () => clock.now() }),
    refreshHome: (client, userId, teamId) => publishHome(deps, client, userId, teamId),
  };
  return deps;
}

/** What the receivers need for the spool, the stored-event fast path and the commands kept during an outage. */
function dispatchOptions(db: Db, spool: Spool, features: readonly Feature[]): Omit<DispatcherOptions, 'logger'> {
  return {
    spool,
    storedEvents: new Map(features.flatMap((feature) => Object.entries(feature.storedEvents ?? {}))),
    keptCommands: new Map(features.flatMap((feature) => Object.entries(feature.keptCommands ?? {}))),
    replayReceipts: {
      seen: (teamId, id) => hasEventReceipt(db, teamId, `spool:${id}`),
      record: async (teamId, id) => void (await claimEventReceipt(db, teamId, `spool:${id}`, 'spooled_command')),
    },
  };
}

/**
 * While anything is spooled, tries the database every `everyMs` and replays the spool once it answers;
 * at start it replays at once what a previous run left.
 */
function replaySpoolWhileActive(receiver: HttpReceiver | SocketReceiver, db: Db, everyMs: number): { stop(): Promise<void> } {
  const probe = () => sql`select 1`.execute(db);
  let running: Promise<void> = receiver.requests?.replaySpool(probe) ?? Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => receiver.requests?.replaySpool(probe));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running.catch(() => undefined);
    },
  };
}

/** HTTP mode when there is a signing secret and no app token; Socket Mode otherwise. */
function makeReceiver(
  config: Config,
  logger: Logger,
  db: Db,
  dispatch: Omit<DispatcherOptions, 'logger'>,
  routes: Map<string, RouteHandler> | undefined,
  handlers: NonNullable<Feature['http']>[],
): { receiver: HttpReceiver | SocketReceiver; httpReceiver: HttpReceiver | undefined } {
  const httpReceiver =
    config.socketMode || !config.slackSigningSecret
      ? undefined
      : new HttpReceiver({
          signingSecret: config.slackSigningSecret,
          port: config.port,
          logger,
          db,
          dispatch,
          routes,
          handlers,
          checkHealth: async () => {
            await sql`select 1`.execute(db);
            return true;
          },
        });
  const receiver = httpReceiver ?? new SocketReceiver({ appToken: config.slackAppToken ?? '', slackApiUrl: config.slackApiUrl, logger, dispatch });
  return { receiver, httpReceiver };
}

/** The Bolt app on Learnloop's receiver: duplicate events stop first, then every feature registers what it owns. */
function registerWithBolt(
  config: Config,
  logger: Logger,
  identity: SlackIdentity | undefined,
  receiver: HttpReceiver | SocketReceiver,
  deps: Deps,
  features: readonly Feature[],
  poolSize: number,
): App {
  const app = new App({
    // One workspace: its token. Distribution: each request's installation, found by authorize.
    ...(identity
      ? { token: config.slackBotToken, botId: identity.botId, botUserId: identity.botUserId }
      : { authorize: (source: AuthorizeSource) => deps.workspaces.authorize(source) }),
    receiver: receiver as Receiver,
    logger: slackLogger(logger),
    clientOptions: { slackApiUrl: config.slackApiUrl, retryConfig: SLACK_RETRIES },
    tokenVerificationEnabled: false,
    ignoreSelf: true,
    // Learnloop keeps no conversation state in Bolt; its store would run on every request.
    convoStore: false,
  });
  // The request's workspace is in scope for everything its listeners do (deps.slack, deps.teamId, …).
  app.use(async ({ context, next }) => {
    const workspace = context.learnloopWorkspace as WorkspaceContext | undefined;
    return workspace ? deps.workspaces.run(workspace, next) : next();
  });
  app.use(dedupeEvents(deps));
  // One middleware routes every request to its listeners by id (see Router), after duplicates stopped.
  // Events the dispatcher stores before it answers Slack (its EVENTS_STORED_BEFORE_ANSWER) never wait for a place.
  const router = new Router({ afterAckSlots: poolSize, storedBeforeAnswer: EVENTS_STORED_BEFORE_ANSWER });
  registerAudienceEvents(router, deps);
  for (const feature of features) feature.register?.(router);
  app.use(router.middleware());
  // The last net: log with context, and rethrow so an event is answered "not ok" and retried.
  app.error(async (error) => {
    // A workspace no installation serves (uninstalled, or never installed): answered, not retried.
    if ((error as { code?: string }).code === 'slack_bolt_authorization_error') {
      return void logger.warn({ reason: error.message }, 'a request from a workspace without an installation was ignored');
    }
    throw error;
  });
  return app;
}
