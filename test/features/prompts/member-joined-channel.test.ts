import { seedSchedule } from '../../support/factories';
import { startTestApp, type TestApp } from '../../support/test-app';

const CHANNEL = 'C0BACK';
const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const CAROL = 'U0CAROL';

describe('Learnloop invited into a channel', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    app.slack.reset();
    await app.db.deleteFrom('promptSchedule').execute();
  });

  async function pausedSchedule(createdBy: string, reason: string, channelId = CHANNEL): Promise<number> {
    const id = await seedSchedule(app.db, app.teamId, channelId, { nextRunAt: new Date('2026-01-01T08:00:00Z'), createdBy });
    await app.db.updateTable('promptSchedule').set({ status: 'paused', pausedReason: reason }).where('id', '=', id).execute();
    return id;
  }
  const schedule = (id: number) => app.db.selectFrom('promptSchedule').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const joined = (user: string, inviter?: string, channel = CHANNEL) =>
    app.event({ type: 'member_joined_channel', user, channel, channel_type: 'C', team: app.teamId, ...(inviter ? { inviter } : {}), event_ts: '1790000000.000100' });

  it('runs the schedules it paused for lack of access again, welcomes the inviter and tells other creators', async () => {
    const lostAccess = await pausedSchedule(ALICE, 'not_in_channel');
    const notFound = await pausedSchedule(CAROL, 'channel_not_found');
    const pausedByPerson = await pausedSchedule(ALICE, `by <@${ALICE}>`);
    const archived = await pausedSchedule(ALICE, 'is_archived');
    const elsewhere = await pausedSchedule(ALICE, 'not_in_channel', 'C0ELSEWHERE');

    const response = await joined(app.slack.botUserId, ALICE);
    expect(response.status).toBe(200);

    for (const id of [lostAccess, notFound]) {
      const row = await schedule(id);
      expect(row).toMatchObject({ status: 'active', pausedReason: null });
      expect(row.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
    }
    for (const id of [pausedByPerson, archived, elsewhere]) expect((await schedule(id)).status).toBe('paused');

    const welcome = app.slack.callsTo('chat.postEphemeral');
    expect(welcome).toHaveLength(1);
    expect(welcome[0]!.params).toMatchObject({ channel: CHANNEL, user: ALICE });
    const blocks = typeof welcome[0]!.params.blocks === 'string' ? JSON.parse(welcome[0]!.params.blocks) : welcome[0]!.params.blocks;
    expect(blocks[0].text.text).toContain('`/learnloop prompts`');
    expect(blocks[1].elements[0].text).toMatch(new RegExp(`Prompt schedules #${lostAccess} \\(next: .+\\), #${notFound} \\(next: .+\\) paused while I was away run again\\.`));

    // Carol made the other schedule: she hears by DM; Alice saw it in the welcome and gets no DM.
    const dms = app.slack.callsTo('chat.postMessage');
    expect(dms.map((c) => c.params.channel)).toEqual([CAROL]);
    expect(dms[0]!.params.text).toContain(`I'm back in <#${CHANNEL}>. Prompt schedule #${notFound}`);
  });

  it('says nothing when a person joins, or when nobody invited it and nothing was paused', async () => {
    const lostAccess = await pausedSchedule(ALICE, 'not_in_channel');
    await joined(BOB, ALICE);
    expect((await schedule(lostAccess)).status).toBe('paused');
    await joined(app.slack.botUserId, undefined, 'C0QUIET');
    expect(app.slack.calls.filter((c) => c.method.startsWith('chat.'))).toEqual([]);
  });

  it('still resumes when Slack refuses the welcome', async () => {
    const lostAccess = await pausedSchedule(BOB, 'not_in_channel');
    app.slack.fail('chat.postEphemeral', { error: 'user_not_in_channel' });
    const response = await joined(app.slack.botUserId, ALICE);
    expect(response.status).toBe(200);
    expect((await schedule(lostAccess)).status).toBe('active');
    expect(app.slack.callsTo('chat.postMessage').map((c) => c.params.channel)).toEqual([BOB]);
  });
});
