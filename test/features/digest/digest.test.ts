import { startTestApp, type TestApp } from '../../support/test-app';
import { clearDigestTables, seedLearning, seedReply, seedThread } from '../../support/digest-seed';
import { blockById } from '../../support/blocks';

// Friday 27 November 2026, 16:00 in Berlin.
const NOW = new Date('2026-11-27T15:00:00Z');
const CHANNEL = 'C0TEAM';
const ALICE = 'U0ALICE';
const MEMBERS = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9', ALICE];


/** Width and height from a PNG's IHDR chunk, after checking the signature. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('/learnloop digest', () => {
  let app: TestApp;
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp({ clock: { now: () => new Date(NOW) } });
    for (const id of MEMBERS) app.slack.addUser({ id, tz: 'Europe/Berlin' });
    app.slack.addUser({ id: 'U0HELPERBOT', is_bot: true });
    app.slack.channelMembers.set(CHANNEL, [...MEMBERS, 'U0HELPERBOT', app.slack.botUserId]);
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    app.slack.reset();
    await clearDigestTables(app.db);
  });

  async function run(text: string, user = ALICE): Promise<{ text: string }> {
    const id = `digest-test-${++counter}`;
    await app.command('/learnloop', text, { user_id: user, channel_id: CHANNEL, channel_name: 'team', response_url: app.slack.responseUrl(id) });
    const reply = await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${id}`), 20_000);
    return reply.body as { text: string };
  }

  it('turns the weekly digest on at the next Friday 16:00 in the user\'s time zone, and off', async () => {
    const on = await run('digest on fri 16:00');
    expect(on.text).toContain('Weekly digest on');
    const schedule = await app.db.selectFrom('digestSchedule').selectAll().executeTakeFirstOrThrow();
    expect(schedule).toMatchObject({ channelId: CHANNEL, weekday: 5, hour: 16, minute: 0, timeZone: 'Europe/Berlin', enabled: true, nextRunAt: new Date('2026-12-04T15:00:00Z') });

    await run('digest on fri 16:00 America/New_York');
    expect(await app.db.selectFrom('digestSchedule').selectAll().executeTakeFirstOrThrow()).toMatchObject({ timeZone: 'America/New_York', nextRunAt: new Date('2026-11-27T21:00:00Z') });

    expect((await run('digest off', 'U1')).text).toContain('Only <@U0ALICE>');
    expect((await run('digest off')).text).toContain('Weekly digest off');
    expect(await app.db.selectFrom('digestSchedule').select('enabled').executeTakeFirstOrThrow()).toEqual({ enabled: false });
    expect((await run('digest on sometime')).text).toContain('is not a weekday');
  });

  it('names the missing time of `digest on friday` with an example, and takes friday 4pm', async () => {
    const missing = await run('digest on friday');
    expect(missing.text).toBe('Say what time on Friday the digest should come, e.g. `/learnloop digest on friday 16:00` or `/learnloop digest on friday 4pm`.');
    expect(missing.text).not.toContain('""');
    expect(await app.db.selectFrom('digestSchedule').selectAll().execute()).toHaveLength(0);
    expect((await run('digest on')).text).toContain('Say which day and time the digest should come, e.g. `/learnloop digest on fri 16:00`');
    expect((await run('digest on friday 4')).text).toContain('"4" could be morning or afternoon: write 4am, 4pm or 04:00.');

    expect((await run('digest on friday 4pm')).text).toContain('Weekly digest on: every Friday at 16:00 (Europe/Berlin)');
    expect(await app.db.selectFrom('digestSchedule').selectAll().executeTakeFirstOrThrow()).toMatchObject({ weekday: 5, hour: 16, minute: 0, timeZone: 'Europe/Berlin' });
  });

  it('says "fewer than 3 people replied" rather than showing a hidden count or participation', async () => {
    const thread = await seedThread(app.db, app.teamId, CHANNEL);
    for (const user of ['U1', 'U2', 'U1']) await seedReply(app.db, app.teamId, thread, CHANNEL, user, new Date(NOW.getTime() - 86_400_000));
    await run('digest now');
    const post = app.slack.callsTo('chat.postMessage').find((c) => c.params.channel === CHANNEL)!;
    const blocks = post.params.blocks as any[];
    expect(blockById(blocks, 'digest_replies').text.text).toBe('*Replies:* fewer than 3 people replied this week (the count and participation are not shown)');
    expect(post.params.text).toContain('This week in learning: fewer than 3 people replied');
    expect(blockById(blocks, 'digest_footer').elements[0].text).toContain('Figures about fewer than 3 people are not shown');
  });

  it('posts the digest now with its figures and uploads an 800×400 PNG chart in the thread', async () => {
    const thread = await seedThread(app.db, app.teamId, CHANNEL);
    const day = 86_400_000;
    for (const user of ['U1', 'U2', 'U3', 'U4', 'U5']) await seedReply(app.db, app.teamId, thread, CHANNEL, user, new Date(NOW.getTime() - day));
    await seedReply(app.db, app.teamId, thread, CHANNEL, 'U6', new Date(NOW.getTime() - day), 'private');
    for (const user of ['U1', 'U2']) await seedReply(app.db, app.teamId, thread, CHANNEL, user, new Date(NOW.getTime() - 9 * day));
    await seedLearning(app.db, app.teamId, 'U1', new Date(NOW.getTime() - day), { channelId: CHANNEL, text: 'Dry-run the migration first' });
    await seedLearning(app.db, app.teamId, 'U2', new Date(NOW.getTime() - day), { channelId: CHANNEL, text: 'secret thing', visibility: 'private' });

    const reply = await run('digest now');
    expect(reply.text).toContain('Posted');
    const post = app.slack.callsTo('chat.postMessage').find((c) => c.params.channel === CHANNEL)!;
    const blocks = post.params.blocks as any[];
    const replies = blockById(blocks, 'digest_replies').text.text as string;
    // 5 of 10 human members (bots are not members for this).
    expect(replies).toContain('*Replies:* 5');
    expect(replies).toContain('*People who replied:* 5 (last week fewer than 3)');
    expect(replies).toContain('*Replies:* 5 (last week fewer than 3 people replied)');
    expect(replies).toContain('*Participation:* 50%');
    const learnings = blockById(blocks, 'digest_learnings').text.text as string;
    expect(learnings).toContain('*New learnings:* by fewer than 3 people');
    expect(blockById(blocks, 'digest_commitments').text.text).toBe('*Commitments:* 0 done, 0 open, 0 overdue');
    expect(post.params.text).toBe('This week in learning: 5 replies, participation 50%, new learnings by fewer than 3 people.');
    expect(learnings).toContain('Dry-run the migration first');
    expect(JSON.stringify(blocks)).not.toContain('secret thing');
    expect(blockById(blocks, 'digest_thanks')).toBeUndefined();

    const upload = await app.slack.waitFor(() => app.slack.uploads.find((u) => u.filename === 'learning-digest.png'), 20_000);
    expect(pngSize(upload.bytes)).toEqual({ width: 800, height: 400 });
    // The chart in words for screen readers: this week's 5 replies, last week's too-few.
    const altText = app.slack.callsTo('files.getUploadURLExternal').find((c) => c.params.filename === 'learning-digest.png')!.params.alt_text as string;
    expect(altText).toMatch(/^Bar chart with a line: Replies and participation, last 8 weeks\. week of /);
    expect(altText).toContain(': 5 replies, 50% took part.');
    expect(altText).toContain(': fewer than 3 people replied;');
    const completed = await app.slack.waitFor(() => app.slack.callsTo('files.completeUploadExternal')[0]);
    expect(completed.params.channel_id).toBe(CHANNEL);
    const digest = await app.db.selectFrom('digest').select(['status', 'messageTs']).executeTakeFirstOrThrow();
    expect(digest).toMatchObject({ status: 'posted' });
    expect(digest.messageTs).toMatch(/^\d+\.\d+$/);
    // The digest message's ts, as the fake answered it, is the one stored and the one the chart is threaded under.
    expect(post.result?.ts).toBe(digest.messageTs);
    expect(completed.params.thread_ts).toBe(digest.messageTs);
  });
});
