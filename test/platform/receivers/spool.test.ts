import { mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { Spool, SpoolLocked, type SpoolEntry } from '../../../src/platform/receivers/spool';
import { freshDataDir } from '../../support/data-dir';
import { testLogger } from '../../support/test-db';

const reply = (channel: string, n: number) => ({ type: 'event_callback', team_id: 'T1', event_id: `Ev${n}`, event: { type: 'message', channel, ts: `17.${n}` } });

describe('the spool', () => {
  it('keeps entries on disk before append resolves, and replays them in arrival order per channel', async () => {
    const dir = freshDataDir();
    const spool = Spool.open(dir, testLogger);
    await Promise.all([1, 2, 3, 4].map((n) => spool.append('event', reply(n % 2 ? 'C1' : 'C2', n))));
    // On disk already: a new process would find all four.
    expect(readFileSync(join(dir, 'spool.jsonl'), 'utf8').trim().split('\n')).toHaveLength(4);
    expect(spool.active).toBe(true);
    expect(spool.state().depth).toBe(4);

    const seen: string[] = [];
    const result = await spool.replay(async (entry) => {
      seen.push(String(entry.body.event_id));
      return 'done';
    });
    expect(result).toEqual({ replayed: 4, remaining: 0 });
    expect(seen.filter((id) => ['Ev1', 'Ev3'].includes(id))).toEqual(['Ev1', 'Ev3']);
    expect(seen.filter((id) => ['Ev2', 'Ev4'].includes(id))).toEqual(['Ev2', 'Ev4']);
    expect(spool.active).toBe(false);
    expect(spool.state()).toEqual({ depth: 0, oldestAgeSeconds: null });
    await spool.close();
  });

  it('stops at the first entry the database cannot take and replays from there next time', async () => {
    const spool = Spool.open(freshDataDir(), testLogger);
    for (let n = 1; n <= 5; n++) await spool.append('event', reply('C1', n));
    let calls = 0;
    const first = await spool.replay(async (entry) => (++calls >= 3 && entry.body.event_id === 'Ev3' ? 'retry-later' : 'done'));
    expect(first.remaining).toBe(5 - 2);
    expect(spool.active).toBe(true);
    const second: string[] = [];
    await spool.replay(async (entry) => {
      second.push(String(entry.body.event_id));
      return 'done';
    });
    expect(second).toEqual(['Ev3', 'Ev4', 'Ev5']);
    await spool.close();
  });

  it('replays what a stopped process left, after entries that arrive during the replay', async () => {
    const dir = freshDataDir();
    const before = Spool.open(dir, testLogger);
    await before.append('event', reply('C1', 1));
    await before.close();

    const after = Spool.open(dir, testLogger);
    expect(after.state().depth).toBe(1);
    const seen: string[] = [];
    await after.replay(async (entry: SpoolEntry) => {
      seen.push(String(entry.body.event_id));
      if (entry.body.event_id === 'Ev1') await after.append('event', reply('C1', 2));
      return 'done';
    });
    expect(seen).toEqual(['Ev1', 'Ev2']);
    expect(after.active).toBe(false);
    await after.close();
  });

  it('skips half a line left by a crash and keeps the whole ones', async () => {
    const dir = freshDataDir();
    mkdirSync(join(dir, 'spool'), { recursive: true });
    const spoolDir = join(dir, 'spool');
    const whole: SpoolEntry = { id: 'a', at: Date.now(), kind: 'event', body: reply('C1', 1) };
    writeFileSync(join(spoolDir, 'spool.jsonl'), `${JSON.stringify(whole)}\n`);
    appendFileSync(join(spoolDir, 'spool.jsonl'), '{"id":"b","at":1,"kind":"ev');
    const spool = Spool.open(spoolDir, testLogger);
    expect(spool.state().depth).toBe(1);
    const seen: string[] = [];
    await spool.replay(async (entry) => {
      seen.push(entry.id);
      return 'done';
    });
    expect(seen).toEqual(['a']);
    await spool.close();
  });

  it('refuses a second owner of the same folder, naming the setting to change', async () => {
    const dir = freshDataDir();
    const spool = Spool.open(dir, testLogger);
    expect(() => Spool.open(dir, testLogger)).toThrow(SpoolLocked);
    expect(() => Spool.open(dir, testLogger)).toThrow(/DATA_DIR/);
    await spool.close();
    // Given back on close: the next start takes it.
    const again = Spool.open(dir, testLogger);
    await again.close();
  });

  it('sets aside an entry that fails for another reason, so nothing is dropped', async () => {
    const dir = freshDataDir();
    const spool = Spool.open(dir, testLogger);
    const entry = await spool.append('command', { command: '/learned', team_id: 'T1', text: 'x' });
    await spool.setAside(entry, 'bad input');
    const failed = readFileSync(join(dir, 'failed.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { id: string; reason: string });
    expect(failed).toEqual([expect.objectContaining({ id: entry.id, reason: 'bad input' })]);
    await spool.close();
  });

  it('rejects an append it could not write, and says it is not writable until a write succeeds', async () => {
    const dir = freshDataDir();
    const spool = Spool.open(dir, testLogger);
    // A folder where the file should be: the write fails as on a full or broken disk (even as root).
    mkdirSync(join(dir, 'spool.jsonl'));
    await expect(spool.append('event', reply('C1', 1))).rejects.toThrow();
    expect(spool.writable).toBe(false);
    expect(spool.state().depth).toBe(0);
    await spool.close();
  });
});
