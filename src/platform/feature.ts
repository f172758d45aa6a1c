import type { App } from '@slack/bolt';
import type { Db } from './db/connect';
import type { Job } from './scheduler';
import type { DmRelevance } from './scheduler/send-scheduled-dms';
import type { SubcommandHandler } from './slack/subcommand';

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
  /** Registers the feature's slash commands, actions, views, shortcuts and events with Bolt. */
  register?(app: App): void;
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
}
