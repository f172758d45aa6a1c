import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from './db/connect';
import type { Job } from './scheduler';
import type { DmRelevance } from './scheduler/send-scheduled-dms';
import type { SubcommandHandler } from './slack/subcommand';
import type { StoredEventHandler } from './receivers/dispatch';
import type { Registrar } from './receivers/router';

/** Rows a feature keeps only for a short while, forgotten by the hourly clean-up. */
export interface ShortLivedRows {
  /** The figure's name in the clean-up's summary, e.g. `feedbackSends`. */
  name: string;
  deleteOld(db: Db, teamId: string, now: Date): Promise<number>;
}

/**
 * What a feature brings to the app: its listeners, its `/learnloop` subcommands and its scheduled work.
 * Each feature's index.ts makes one; app.ts wires them all. Reading a feature's `register` tells which
 * slash commands, callback ids and events of manifest.yml it owns.
 */
export interface Feature {
  name: string;
  /** Registers the feature's slash commands, actions, views, shortcuts and events, each by its id. */
  register?(app: Registrar): void;
  /**
   * Events it stores itself, before and without Bolt's middleware (the thread-reply fast path): each must
   * only write to the database, and throw when it could not, so the event is spooled or retried.
   */
  storedEvents?: Record<string, StoredEventHandler>;
  /** Slash commands whose text is kept in the spool while PostgreSQL is down, with what to tell the person. */
  keptCommands?: Record<string, string>;
  /** `/learnloop NAME …` subcommands it answers. */
  subcommands?: Record<string, SubcommandHandler>;
  /** Jobs run every minute, before queued DMs are sent. */
  jobs?: Job[];
  /** Whether a queued DM of a kind it owns is still worth sending. */
  dmRelevance?: Record<string, DmRelevance>;
  /** Rows the hourly clean-up forgets. */
  shortLivedRows?: ShortLivedRows[];
  /** Jobs run every minute after the DMs are sent (retention and other housekeeping). */
  housekeeping?: Job[];
  /**
   * HTTP requests beside Slack's (the REST API, webhooks), in HTTP mode: true when it answered the request.
   * It checks its own credentials; nothing reaches it through Slack's signature check.
   */
  http?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}
