import { unzipSync } from 'fflate';
import { seedPostedPrompt } from '../../support/factories';
import { startTestApp, type TestApp } from '../../support/test-app';

const CHANNEL = 'C0GENERAL';
const OTHER_CHANNEL = 'C0OTHER';
const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const ADMIN = 'U0ADMIN';
const OTHER_TEAM = 'T0OTHERTEAM';

/** A small RFC 4180 reader: rows of fields, quotes undone. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += c;
  }
  return rows;
}

/** The one uploaded zip's CSV files as text, by name ("replies.csv", …). */
function uploadedCsvFiles(app: TestApp): Map<string, string> {
  expect(app.slack.uploads).toHaveLength(1);
  const upload = app.slack.uploads[0]!;
  expect(upload.filename).toMatch(/^learnloop-(me|workspace|channel-C0[A-Z]+)-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = new Map<string, string>();
  for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(upload.bytes)))) files.set(name, Buffer.from(bytes).toString('utf8'));
  return files;
}

/** The uploaded CSVs as objects keyed by header, by kind ("learnings", "feedback-sent", …). */
function uploadedTables(app: TestApp): Map<string, Record<string, string>[]> {
  const tables = new Map<string, Record<string, string>[]>();
  for (const [name, text] of uploadedCsvFiles(app)) {
    const kind = /^(replies|learnings|reviews|reflections|commitments|feedback-sent|feedback-received)\.csv$/.exec(name)?.[1];
    if (!kind) throw new Error(`unexpected file ${name} in the export`);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    // A kind with no rows is left out of the zip, never sent as a file with a header alone.
    expect(rows).not.toHaveLength(0);
    tables.set(kind, rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i] ?? '']))));
  }
  return tables;
}

describe('/learnloop export', () => {
  let app: TestApp;
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp({ env: { LEARNLOOP_ADMINS: ADMIN } });
    app.slack.addUser({ id: ALICE, name: 'Alice Adams' });
    app.slack.addUser({ id: BOB, name: 'Bob Brown' });
    app.slack.addUser({ id: ADMIN, name: 'Ada Admin' });
    const db = app.db;
    const teamId = app.teamId;
    await seedPostedPrompt(db, teamId, CHANNEL, '1790000001.000100');
    await seedPostedPrompt(db, teamId, OTHER_CHANNEL, '1790000002.000100');
    const thread = async (team: string, channel: string) =>
      (await db.selectFrom('trackedThread').select('id').where('teamId', '=', team).where('channelId', '=', channel).executeTakeFirstOrThrow()).id;
    const general = await thread(teamId, CHANNEL);
    const other = await thread(teamId, OTHER_CHANNEL);
    await db.insertInto('trackedThread').values({ teamId: OTHER_TEAM, channelId: CHANNEL, threadTs: '1790000003.000100', kind: 'prompt', subjectId: 1 }).execute();
    const otherTeamThread = await thread(OTHER_TEAM, CHANNEL);
    await db
      .insertInto('threadReply')
      .values([
        { teamId, threadId: general, channelId: CHANNEL, userId: ALICE, text: 'Alice public reply', ts: '1790000001.000200', visibility: 'public' },
        { teamId, threadId: general, channelId: CHANNEL, userId: ALICE, text: 'Alice private reply', ts: null, visibility: 'private' },
        { teamId, threadId: general, channelId: CHANNEL, userId: BOB, text: '=HYPERLINK("http://evil"), said Bob\nand more', ts: '1790000001.000300', visibility: 'public' },
        { teamId, threadId: other, channelId: OTHER_CHANNEL, userId: BOB, text: 'Bob in another channel', ts: '1790000002.000200', visibility: 'public' },
        { teamId: OTHER_TEAM, threadId: otherTeamThread, channelId: CHANNEL, userId: ALICE, text: 'Other team reply', ts: '1790000003.000200', visibility: 'public' },
      ])
      .execute();
    await db
      .insertInto('learning')
      .values([
        { teamId, userId: ALICE, text: 'Alice private learning', visibility: 'private', channelId: CHANNEL },
        { teamId, userId: ALICE, text: 'Canary first', visibility: 'team', channelId: CHANNEL, anonymous: true, source: 'review' },
        { teamId, userId: BOB, text: 'Bob learning 🎉 Grüße', visibility: 'team', channelId: CHANNEL },
        { teamId: OTHER_TEAM, userId: ALICE, text: 'Other team learning', visibility: 'team', channelId: CHANNEL },
      ])
      .execute();
    const review = await db
      .insertInto('review')
      .values({ teamId, channelId: CHANNEL, title: 'Deploy, Tuesday', link: null, startedBy: BOB, facilitatorId: null, trigger: 'command', sourceTs: null, threadTs: null, messageTs: null, status: 'closed', closedAt: new Date('2026-11-20T10:00:00Z') })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('reflection')
      .values([
        { teamId, reviewId: review.id, userId: ALICE, expected: 'Smooth', actual: 'Rollback', whyDifference: 'No canary', nextTime: 'Canary first', anonymous: true },
        { teamId, reviewId: review.id, userId: BOB, expected: 'Fast', actual: 'Slow', whyDifference: null, nextTime: null, anonymous: false },
      ])
      .execute();
    await db.insertInto('commitment').values({ teamId, reviewId: review.id, ownerId: ALICE, text: 'Add a canary stage', dueDate: '2026-12-01', createdBy: ALICE }).execute();
    await db
      .insertInto('feedback')
      .values([
        { teamId, senderId: BOB, recipientId: ALICE, text: 'Great demo', status: 'delivered' },
        { teamId, senderId: ALICE, recipientId: BOB, text: 'Thanks for the review', status: 'delivered' },
        { teamId: OTHER_TEAM, senderId: BOB, recipientId: ALICE, text: 'Other team feedback', status: 'delivered' },
      ])
      .execute();
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(() => app.slack.reset());

  async function exportAs(user: string, text: string, channel = CHANNEL): Promise<any> {
    const responseId = `export-${++counter}`;
    const response = await app.command('/learnloop', text, { user_id: user, channel_id: channel, response_url: app.slack.responseUrl(responseId) });
    expect(response.status).toBe(200);
    return app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${responseId}`)?.body);
  }

  const allBytes = () => [...uploadedCsvFiles(app).values()].join('\n');

  it('sends my own export, with my private items and both directions of feedback, to my DM', async () => {
    const reply = await exportAs(ALICE, 'export');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toBe(
      'Your export is on its way to your DMs: one zip file with replies (2), learnings (2), reviews (1), reflections (1), commitments (1), feedback sent (1) and feedback received (1).',
    );

    // One file, one message: a single upload completed into the DM.
    expect(app.slack.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    const complete = app.slack.callsTo('files.completeUploadExternal');
    expect(complete).toHaveLength(1);
    expect(complete[0]!.params.files).toHaveLength(1);
    expect(app.slack.uploads[0]!.filename).toMatch(/^learnloop-me-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(complete[0]!.params.channel_id).toBe('D0ALICE');
    expect(app.slack.callsTo('conversations.open')[0]!.params.users).toBe(ALICE);

    const tables = uploadedTables(app);
    expect([...tables.keys()].sort()).toEqual(['commitments', 'feedback-received', 'feedback-sent', 'learnings', 'reflections', 'replies', 'reviews']);
    expect(tables.get('replies')!.map((r) => [r.text, r.visibility, r.author, r.author_name])).toEqual([
      ['Alice public reply', 'public', ALICE, 'Alice Adams'],
      ['Alice private reply', 'private', ALICE, 'Alice Adams'],
    ]);
    expect(tables.get('learnings')!.map((l) => [l.text, l.visibility, l.author])).toEqual([
      ['Alice private learning', 'private', ALICE],
      ['Canary first', 'team', ALICE],
    ]);
    expect(tables.get('reflections')!.map((r) => [r.author, r.next_time, r.review_title])).toEqual([[ALICE, 'Canary first', 'Deploy, Tuesday']]);
    expect(tables.get('commitments')!.map((c) => [c.owner, c.text, c.due_date])).toEqual([[ALICE, 'Add a canary stage', '2026-12-01']]);
    expect(tables.get('feedback-sent')!.map((f) => [f.sender, f.sender_name, f.recipient, f.recipient_name, f.text])).toEqual([[ALICE, 'Alice Adams', BOB, 'Bob Brown', 'Thanks for the review']]);
    expect(tables.get('feedback-received')!.map((f) => [f.sender, f.sender_name, f.text])).toEqual([[BOB, 'Bob Brown', 'Great demo']]);
    expect(tables.get('commitments')!.map((c) => [c.owner_name, c.created_by_name])).toEqual([['Alice Adams', 'Alice Adams']]);
    expect(tables.get('reviews')!.map((r) => [r.started_by, r.started_by_name, r.facilitator, r.facilitator_name])).toEqual([[BOB, 'Bob Brown', '', '']]);
    expect(tables.get('replies')![0]!.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(allBytes()).not.toContain('Other team');
    expect(allBytes()).not.toContain('xoxb-');
  });

  it('exports the channel without private items, with anonymous authors hidden, neutralised formulas and exact headers', async () => {
    const reply = await exportAs(BOB, 'export channel');
    expect(reply.text).toContain('Your export is on its way to your DMs: one zip file with');
    expect(app.slack.uploads[0]!.filename).toMatch(new RegExp(`^learnloop-channel-${CHANNEL}-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
    const tables = uploadedTables(app);
    expect([...tables.keys()].sort()).toEqual(['commitments', 'learnings', 'reflections', 'replies', 'reviews']);
    const raw = uploadedCsvFiles(app).get('replies.csv')!;
    expect(raw.split('\r\n')[0]).toBe('\uFEFFid,channel_id,author,author_name,visibility,text,permalink,created_at,edited_at');
    expect(raw).toContain(`"'=HYPERLINK(""http://evil""), said Bob\nand more"`);

    expect(tables.get('replies')!.map((r) => r.text)).toEqual(['Alice public reply', `'=HYPERLINK("http://evil"), said Bob\nand more`]);
    // An anonymous author has no name either.
    expect(tables.get('learnings')!.map((l) => [l.text, l.author, l.author_name])).toEqual([
      ['Canary first', 'anonymous', ''],
      ['Bob learning 🎉 Grüße', BOB, 'Bob Brown'],
    ]);
    // An anonymous reflection stays its author's: its words reach others only as its anonymous learnings.
    expect(tables.get('reflections')!.map((r) => [r.author, r.author_name, r.expected])).toEqual([[BOB, 'Bob Brown', 'Fast']]);
    expect(uploadedCsvFiles(app).get('reflections.csv')).not.toContain('Smooth');
    expect(uploadedCsvFiles(app).get('reflections.csv')).not.toContain('Alice Adams');
    expect(uploadedCsvFiles(app).get('learnings.csv')).not.toContain('Alice Adams');
    expect(tables.get('reviews')!.map((r) => r.title)).toEqual(['Deploy, Tuesday']);
    expect(allBytes()).not.toContain('private');
    expect(allBytes()).not.toContain('Bob in another channel');
    expect(allBytes()).not.toContain('Other team');
  });

  it('refuses a workspace export to someone who is not an admin', async () => {
    const reply = await exportAs(BOB, 'export workspace');
    expect(reply.text).toContain('Only Learnloop admins and workspace admins');
    expect(app.slack.uploads).toHaveLength(0);
    expect(app.slack.callsTo('files.completeUploadExternal')).toHaveLength(0);
  });

  it('sends an admin the whole workspace, still without private items or another team’s rows', async () => {
    const reply = await exportAs(ADMIN, 'export workspace');
    expect(reply.text).toContain('Your export is on its way to your DMs: one zip file with');
    expect(app.slack.callsTo('files.completeUploadExternal')[0]!.params.channel_id).toBe('D0ADMIN');
    const tables = uploadedTables(app);
    expect(tables.get('replies')!.map((r) => r.text)).toEqual(['Alice public reply', `'=HYPERLINK("http://evil"), said Bob\nand more`, 'Bob in another channel']);
    expect(tables.get('learnings')!.map((l) => l.author)).toEqual(['anonymous', BOB]);
    expect(tables.has('feedback-sent')).toBe(false);
    expect(allBytes()).not.toContain('private');
    expect(allBytes()).not.toContain('Other team');
  });

  it('leaves out a kind with no rows and says which kinds were empty', async () => {
    // Bob owns no commitment.
    const reply = await exportAs(BOB, 'export me');
    expect(reply.text).toBe(
      'Your export is on its way to your DMs: one zip file with replies (2), learnings (1), reviews (1), reflections (1), feedback sent (1) and feedback received (1). Nothing to export for commitments, so that file is left out.',
    );
    expect([...uploadedCsvFiles(app).keys()].sort()).toEqual(['feedback-received.csv', 'feedback-sent.csv', 'learnings.csv', 'reflections.csv', 'replies.csv', 'reviews.csv']);
  });

  it('sends nothing when there is nothing to export, and says so', async () => {
    app.slack.addUser({ id: 'U0NEW', name: 'New Person' });
    const reply = await exportAs('U0NEW', 'export');
    expect(reply.text).toBe(
      'There is nothing to export yet (no replies, learnings, reviews, reflections, commitments, feedback sent or feedback received), so nothing was sent.',
    );
    expect(app.slack.uploads).toHaveLength(0);
    expect(app.slack.callsTo('conversations.open')).toHaveLength(0);
  });

  it('looks names up a few at a time, and leaves the name empty for someone Slack does not know', async () => {
    const people = Array.from({ length: 8 }, (_, i) => `U0PERSON${i}`);
    for (const [i, id] of people.entries()) app.slack.addUser({ id, name: `Person ${i}` });
    const rows = [...people, 'U0GONE'].map((userId) => ({ teamId: app.teamId, userId, text: `Learned by ${userId}`, visibility: 'team' as const, channelId: OTHER_CHANNEL }));
    const ids = (await app.db.insertInto('learning').values(rows).returning('id').execute()).map((r) => r.id);
    app.slack.latencyMs = 30;
    try {
      expect((await exportAs(ADMIN, 'export workspace')).text).toContain('one zip file');
    } finally {
      app.slack.latencyMs = 0;
      await app.db.deleteFrom('learning').where('id', 'in', ids).execute();
    }
    const names = new Map(uploadedTables(app).get('learnings')!.map((l) => [l.author, l.author_name]));
    for (const [i, id] of people.entries()) expect(names.get(id)).toBe(`Person ${i}`);
    expect(names.get('U0GONE')).toBe('');
    const lookedUp = app.slack.callsTo('users.info').map((c) => c.params.user);
    expect(new Set(lookedUp).size).toBe(lookedUp.length);
    expect(app.slack.maxInFlight.get('users.info ')).toBeGreaterThan(1);
    expect(app.slack.maxInFlight.get('users.info ')).toBeLessThanOrEqual(4);
  });

  it('explains the choices for an unknown export kind', async () => {
    const reply = await exportAs(ALICE, 'export everything');
    expect(reply.text).toContain('/learnloop export me');
    expect(app.slack.uploads).toHaveLength(0);
  });
});
