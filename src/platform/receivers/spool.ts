import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../logger';

/** One request kept while PostgreSQL could not be reached: an event that carries data, or a kept command. */
export interface SpoolEntry {
  id: string;
  /** When it arrived (ms since the epoch). */
  at: number;
  kind: 'event' | 'command';
  body: Record<string, unknown>;
}

export type ReplayOutcome = 'done' | 'retry-later';

export interface SpoolState {
  depth: number;
  /** Age in seconds of the oldest entry not yet replayed; null when the spool is empty. */
  oldestAgeSeconds: number | null;
}

// Entries replayed at once: different channels in parallel, one channel's entries in arrival order.
const REPLAY_CHUNK = 256;

/**
 * A durable, append-only spool of requests under DATA_DIR, for when PostgreSQL is down: each entry is
 * written and flushed to disk (fdatasync) before Slack hears "ok", and replayed in arrival order once
 * the database is back. Replaying twice is harmless: every entry is stored under the same keys that
 * make Slack's own retries idempotent (a reply's ts, an event's event_id, a kept command's spool id).
 *
 * Files: `spool.jsonl` takes new entries; a replay first renames it to `replaying.jsonl`, so entries
 * that arrive meanwhile queue behind it; entries that fail for another reason than the database go to
 * `failed.jsonl` and are logged, never dropped. A lock file keeps a second process off the same folder.
 */
export class Spool {
  private readonly file: string;
  private readonly replayingFile: string;
  private readonly failedFile: string;
  private readonly lockFile: string;
  private pending: { line: string; resolve: () => void; reject: (error: unknown) => void }[] = [];
  // Appends and the replay's rename take turns through this chain, so no entry lands in a file being read.
  private fileTurn: Promise<void> = Promise.resolve();
  private writing = false;
  private replaying = false;
  private depthCount = 0;
  private lastWriteFailed = false;
  private oldestAt: number | null = null;

  private constructor(
    private readonly dir: string,
    private readonly logger: Logger,
  ) {
    this.file = join(dir, 'spool.jsonl');
    this.replayingFile = join(dir, 'replaying.jsonl');
    this.failedFile = join(dir, 'failed.jsonl');
    this.lockFile = join(dir, 'owner.pid');
  }

  /** Opens (creating) the spool folder, takes its lock and counts what a previous run left. */
  static open(dir: string, logger: Logger): Spool {
    mkdirSync(dir, { recursive: true });
    const spool = new Spool(dir, logger);
    spool.lock();
    const left = [...readEntries(spool.replayingFile, logger), ...readEntries(spool.file, logger)];
    spool.depthCount = left.length;
    spool.oldestAt = left[0]?.at ?? null;
    if (left.length > 0) logger.warn({ depth: left.length }, 'the spool holds requests from a previous run; they are replayed once the database answers');
    return spool;
  }

  /** True while anything is spooled or being replayed: new data must queue behind it to keep arrival order. */
  get active(): boolean {
    return this.depthCount > 0 || this.replaying;
  }

  /** False after a write failed (a full disk, a folder gone) until one succeeds again. */
  get writable(): boolean {
    return !this.lastWriteFailed;
  }

  state(now = Date.now()): SpoolState {
    return { depth: this.depthCount, oldestAgeSeconds: this.oldestAt === null || this.depthCount === 0 ? null : Math.max(0, Math.round((now - this.oldestAt) / 1000)) };
  }

  /** Appends one entry; resolves once it is on disk. Concurrent appends share one write and one flush. */
  append(kind: SpoolEntry['kind'], body: Record<string, unknown>): Promise<SpoolEntry> {
    const entry: SpoolEntry = { id: randomUUID(), at: Date.now(), kind, body };
    const line = `${JSON.stringify(entry)}\n`;
    this.depthCount += 1;
    this.oldestAt ??= entry.at;
    return new Promise<SpoolEntry>((resolve, reject) => {
      this.pending.push({
        line,
        resolve: () => resolve(entry),
        reject: (error) => {
          this.depthCount -= 1;
          reject(error);
        },
      });
      if (!this.writing) void this.writePending();
    });
  }

  /**
   * Replays everything spooled, oldest first, through `handle`. Stops at the first 'retry-later' (the
   * database went away again) and keeps what is left. Resolves with how many entries were replayed.
   */
  async replay(handle: (entry: SpoolEntry) => Promise<ReplayOutcome>): Promise<{ replayed: number; remaining: number }> {
    if (this.replaying) return { replayed: 0, remaining: this.depthCount };
    this.replaying = true;
    let replayed = 0;
    try {
      for (;;) {
        await this.takeTurn(async () => {
          if (!exists(this.replayingFile) && exists(this.file)) {
            await rename(this.file, this.replayingFile);
            await syncFolder(this.dir);
          }
        });
        const entries = parseEntries(await readFile(this.replayingFile, 'utf8').catch(() => ''), this.replayingFile, this.logger);
        if (entries.length === 0) {
          await unlink(this.replayingFile).catch(() => undefined);
          // Checked and cleared in one turn of the event loop: an append either came before (and is in
          // spool.jsonl, replayed next round) or sees an empty, inactive spool.
          if (!exists(this.file) && this.pending.length === 0 && !this.writing) {
            this.depthCount = 0;
            this.oldestAt = null;
            return { replayed, remaining: 0 };
          }
          continue;
        }
        this.oldestAt = entries[0]?.at ?? null;
        for (let start = 0; start < entries.length; start += REPLAY_CHUNK) {
          const chunk = entries.slice(start, start + REPLAY_CHUNK);
          const outcomes = await replayChunk(chunk, handle);
          const firstUndone = outcomes.findIndex((outcome) => outcome !== 'done');
          if (firstUndone >= 0) {
            // Replayed again next time from the first entry not done; any later one already done is idempotent.
            const from = start + firstUndone;
            await this.replaceDurably(this.replayingFile, entries.slice(from).map((e) => `${JSON.stringify(e)}\n`).join(''));
            replayed += firstUndone;
            this.depthCount -= firstUndone;
            this.oldestAt = entries[from]?.at ?? this.oldestAt;
            return { replayed, remaining: this.depthCount };
          }
          replayed += chunk.length;
          this.depthCount -= chunk.length;
          this.oldestAt = entries[start + REPLAY_CHUNK]?.at ?? null;
        }
        await unlink(this.replayingFile);
      }
    } finally {
      this.replaying = false;
    }
  }

  /** Keeps an entry that could not be replayed for a reason other than the database, for a person to look at. */
  async setAside(entry: SpoolEntry, reason: string): Promise<void> {
    const handle = await open(this.failedFile, 'a');
    try {
      await handle.write(`${JSON.stringify({ ...entry, reason })}\n`);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }

  /** Waits for appends in flight, then gives the folder back. */
  async close(): Promise<void> {
    await this.takeTurn(async () => undefined);
    try {
      if (readFileSync(this.lockFile, 'utf8').trim() === String(process.pid)) unlinkSync(this.lockFile);
    } catch {
      // already gone
    }
    heldFolders.delete(this.dir);
  }

  private async writePending(): Promise<void> {
    this.writing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0);
        await this.takeTurn(async () => {
          try {
            const created = !exists(this.file);
            const handle = await open(this.file, 'a');
            try {
              await handle.write(batch.map((item) => item.line).join(''));
              await handle.datasync();
            } finally {
              await handle.close();
            }
            if (created) await syncFolder(this.dir);
            this.lastWriteFailed = false;
            for (const item of batch) item.resolve();
          } catch (error) {
            this.lastWriteFailed = true;
            for (const item of batch) item.reject(error);
          }
        });
      }
    } finally {
      this.writing = false;
    }
  }

  /** Never truncates in place: a crash leaves either the old file or the whole new one. */
  private async replaceDurably(file: string, text: string): Promise<void> {
    const temporary = `${file}.tmp`;
    const handle = await open(temporary, 'w');
    try {
      await handle.write(text);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
    await syncFolder(this.dir);
  }

  private takeTurn(work: () => Promise<void>): Promise<void> {
    const turn = this.fileTurn.then(work);
    this.fileTurn = turn.catch(() => undefined);
    return turn;
  }

  /** One process per spool folder: two writers would replay each other's entries out of order. */
  private lock(): void {
    if (heldFolders.has(this.dir)) throw new SpoolLocked(this.dir, process.pid);
    try {
      const holder = Number(readFileSync(this.lockFile, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) throw new SpoolLocked(this.dir, holder);
    } catch (error) {
      if (error instanceof SpoolLocked) throw error;
    }
    writeFileSync(this.lockFile, `${process.pid}\n`);
    heldFolders.add(this.dir);
  }
}

const heldFolders = new Set<string>();

export class SpoolLocked extends Error {
  override name = 'SpoolLocked';
  constructor(dir: string, pid: number) {
    super(`Another Learnloop process (pid ${pid}) already spools to ${dir}; give each process its own DATA_DIR`);
  }
}

/** Outcomes by position in the chunk; undefined for an entry not tried because its channel stopped first. */
async function replayChunk(chunk: SpoolEntry[], handle: (entry: SpoolEntry) => Promise<ReplayOutcome>): Promise<(ReplayOutcome | undefined)[]> {
  const byChannel = new Map<string, number[]>();
  chunk.forEach((entry, index) => {
    const key = channelOf(entry) ?? entry.id;
    byChannel.set(key, [...(byChannel.get(key) ?? []), index]);
  });
  const outcomes: (ReplayOutcome | undefined)[] = chunk.map(() => undefined);
  await Promise.all(
    [...byChannel.values()].map(async (queue) => {
      for (const index of queue) {
        outcomes[index] = await handle(chunk[index]!);
        if (outcomes[index] === 'retry-later') return;
      }
    }),
  );
  return outcomes;
}

function channelOf(entry: SpoolEntry): string | undefined {
  const event = entry.body.event as { channel?: unknown; item?: { channel?: unknown } } | undefined;
  const channel = event?.channel ?? event?.item?.channel ?? entry.body.channel_id;
  return typeof channel === 'string' ? `${String(entry.body.team_id)}:${channel}` : undefined;
}

function readEntries(file: string, logger: Logger): SpoolEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return parseEntries(text, file, logger);
}

function parseEntries(text: string, file: string, logger: Logger): SpoolEntry[] {
  const entries: SpoolEntry[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      entries.push(JSON.parse(line) as SpoolEntry);
    } catch {
      // Only a write cut short by a crash can leave half a line, and its request was never answered "ok".
      logger.warn({ file }, 'skipped a spool line cut short by a crash');
    }
  }
  return entries;
}

const exists = existsSync;

/** Makes a file's creation or renaming durable: the folder's entry is flushed too. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}
