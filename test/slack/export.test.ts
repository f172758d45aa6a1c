import { seedPostedPrompt } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

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

/** The uploaded CSVs as objects keyed by header, by kind ("learnings", "feedback-sent", …). */
function uploadedTables(app: TestApp): Map<string, Record<string, string>[]> {
  const tables = new Map<string, Record<string, string>[]>();
  for (const upload of app.slack.uploads) {
    const kind = /learnloop-.+?-(replies|learnings|reviews|reflections|commitments|feedback-sent|feedback-received)-\d{4}-\d{2}-\d{2}\.csv$/.exec(upload.filename ?? '')?.[1];
    if (!kind) throw new Error(`unexpected upload ${upload.filename}`);
    const text = upload.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    tables.set(kind, rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i] ?? '']))));
  }
  return tables;
}

describe('/learnloop export', () => {
  let app: TestApp;
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp({ env: { LEARNLOOP_ADMINS: ADMIN } });
    for (const id of [ALICE, BOB, ADMIN]) app.slack.addUser({ id });
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

  const allBytes = () => app.slack.uploads.map((u) => u.bytes.toString('utf8')).join('\n');

  it('sends my own export, with my private items and both directions of feedback, to my DM', async () => {
    const reply = await exportAs(ALICE, 'export');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('Your export is on its way to your DMs.');
    expect(reply.text).toContain('replies: 2');
    expect(reply.text).toContain('learnings: 2');
    expect(reply.text).toContain('feedback received: 1');

    const complete = app.slack.callsTo('files.completeUploadExternal');
    expect(complete).toHaveLength(1);
    expect(complete[0]!.params.channel_id).toBe('D0ALICE');
    expect(app.slack.callsTo('conversations.open')[0]!.params.users).toBe(ALICE);

    const tables = uploadedTables(app);
    expect([...tables.keys()].sort()).toEqual(['commitments', 'feedback-received', 'feedback-sent', 'learnings', 'reflections', 'replies', 'reviews']);
    expect(tables.get('replies')!.map((r) => [r.text, r.visibility, r.author])).toEqual([
      ['Alice public reply', 'public', ALICE],
      ['Alice private reply', 'private', ALICE],
    ]);
    expect(tables.get('learnings')!.map((l) => [l.text, l.visibility, l.author])).toEqual([
      ['Alice private learning', 'private', ALICE],
      ['Canary first', 'team', ALICE],
    ]);
    expect(tables.get('reflections')!.map((r) => [r.author, r.next_time, r.review_title])).toEqual([[ALICE, 'Canary first', 'Deploy, Tuesday']]);
    expect(tables.get('commitments')!.map((c) => [c.owner, c.text, c.due_date])).toEqual([[ALICE, 'Add a canary stage', '2026-12-01']]);
    expect(tables.get('feedback-sent')!.map((f) => [f.sender, f.recipient, f.text])).toEqual([[ALICE, BOB, 'Thanks for the review']]);
    expect(tables.get('feedback-received')!.map((f) => [f.sender, f.text])).toEqual([[BOB, 'Great demo']]);
    expect(tables.get('replies')![0]!.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(allBytes()).not.toContain('Other team');
    expect(allBytes()).not.toContain('xoxb-');
  });

  it('exports the channel without private items, with anonymous authors hidden, neutralised formulas and exact headers', async () => {
    const reply = await exportAs(BOB, 'export channel');
    expect(reply.text).toContain('Your export is on its way to your DMs.');
    const tables = uploadedTables(app);
    expect([...tables.keys()].sort()).toEqual(['commitments', 'learnings', 'reflections', 'replies', 'reviews']);
    const raw = app.slack.uploads.find((u) => u.filename?.includes('-replies-'))!.bytes.toString('utf8');
    expect(raw.split('\r\n')[0]).toBe('\uFEFFid,channel_id,author,visibility,text,permalink,created_at,edited_at');
    expect(raw).toContain(`"'=HYPERLINK(""http://evil""), said Bob\nand more"`);

    expect(tables.get('replies')!.map((r) => r.text)).toEqual(['Alice public reply', `'=HYPERLINK("http://evil"), said Bob\nand more`]);
    expect(tables.get('learnings')!.map((l) => [l.text, l.author])).toEqual([
      ['Canary first', 'anonymous'],
      ['Bob learning 🎉 Grüße', BOB],
    ]);
    expect(tables.get('reflections')!.map((r) => [r.author, r.expected])).toEqual([
      ['anonymous', 'Smooth'],
      [BOB, 'Fast'],
    ]);
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
    expect(reply.text).toContain('Your export is on its way to your DMs.');
    expect(app.slack.callsTo('files.completeUploadExternal')[0]!.params.channel_id).toBe('D0ADMIN');
    const tables = uploadedTables(app);
    expect(tables.get('replies')!.map((r) => r.text)).toEqual(['Alice public reply', `'=HYPERLINK("http://evil"), said Bob\nand more`, 'Bob in another channel']);
    expect(tables.get('learnings')!.map((l) => l.author)).toEqual(['anonymous', BOB]);
    expect(tables.has('feedback-sent')).toBe(false);
    expect(allBytes()).not.toContain('private');
    expect(allBytes()).not.toContain('Other team');
  });

  it('explains the choices for an unknown export kind', async () => {
    const reply = await exportAs(ALICE, 'export everything');
    expect(reply.text).toContain('/learnloop export me');
    expect(app.slack.uploads).toHaveLength(0);
  });
});
