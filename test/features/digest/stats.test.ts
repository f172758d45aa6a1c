import { clearDigestTables, seedLearning, seedReply, seedThread } from '../../support/digest-seed';
import { startTestApp, type TestApp } from '../../support/test-app';
import { blockById } from '../../support/blocks';

const NOW = new Date('2026-11-27T15:00:00Z');
const CHANNEL = 'C0TEAM';
/** A channel where only two people replied (60 days ago). */
const SMALL = 'C0SMALL';
const ADMIN = 'U0ADMIN';
const BOSS = 'U0BOSS';
const MEMBERS = ['U1', 'U2', 'U3', 'U4', ADMIN, BOSS];

describe('/learnloop stats', () => {
  let app: TestApp;
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp({ env: { LEARNLOOP_ADMINS: ADMIN }, clock: { now: () => new Date(NOW) } });
    for (const id of MEMBERS) app.slack.addUser({ id, is_admin: id === BOSS });
    app.slack.channelMembers.set(CHANNEL, MEMBERS);
    app.slack.channelMembers.set(SMALL, MEMBERS);
    await clearDigestTables(app.db);
    const thread = await seedThread(app.db, app.teamId, CHANNEL);
    const other = await seedThread(app.db, app.teamId, 'C0OTHER');
    const day = 86_400_000;
    for (const user of ['U1', 'U2', 'U3']) await seedReply(app.db, app.teamId, thread, CHANNEL, user, new Date(NOW.getTime() - 10 * day));
    await seedReply(app.db, app.teamId, thread, CHANNEL, 'U1', new Date(NOW.getTime() - 40 * day));
    for (const user of ['U5', 'U6', 'U7', 'U8']) await seedReply(app.db, app.teamId, other, 'C0OTHER', user, new Date(NOW.getTime() - 2 * day));
    const small = await seedThread(app.db, app.teamId, SMALL);
    for (const user of ['U1', 'U1', 'U2']) await seedReply(app.db, app.teamId, small, SMALL, user, new Date(NOW.getTime() - 60 * day));
    for (const user of ['U1', 'U2', 'U5']) await seedLearning(app.db, app.teamId, user, new Date(NOW.getTime() - 3 * day), { channelId: 'C0OTHER', tags: ['ops'] });
  });
  afterAll(async () => {
    await app.stop();
  });

  async function run(text: string, user: string, channel = CHANNEL): Promise<{ text: string; blocks?: any[] }> {
    const id = `stats-test-${++counter}`;
    await app.command('/learnloop', text, { user_id: user, channel_id: channel, channel_name: 'team', response_url: app.slack.responseUrl(id) });
    const reply = await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${id}`));
    expect(reply.body.response_type).toBe('ephemeral');
    return reply.body as { text: string; blocks?: any[] };
  }

  it('shows the channel figures over 30 days by default, and only those to non-admins', async () => {
    const reply = await run('stats', 'U1');
    const channel = blockById(reply.blocks, 'digest_stats_channel').text.text as string;
    expect(channel).toContain('last 30 days');
    expect(channel).not.toContain('30d');
    expect(reply.text).toBe('Learning figures for the last 30 days');
    expect(channel).toContain('Replies: 3 · People who replied: 3 · Participation: 50%');
    expect(blockById(reply.blocks, 'digest_stats_workspace')).toBeUndefined();
  });

  it('hides small figures: over 7 days nobody replied, over 90 days 3 people did', async () => {
    expect(blockById((await run('stats 7d', 'U1')).blocks, 'digest_stats_channel').text.text).toContain('Replies: 0 · People who replied: 0');
    expect(blockById((await run('stats 90d', 'U1')).blocks, 'digest_stats_channel').text.text).toContain('Replies: 4 · People who replied: 3');
    expect((await run('stats 12d', 'U1')).text).toBe('I can show the last 7, 30 or 90 days; "12d" is not one of them. Try `/learnloop stats 7d` or `/learnloop stats 90d`.');
    expect(blockById((await run('stats 7d', 'U1')).blocks, 'digest_stats_channel').text.text).toContain('last 7 days');
  });

  it('hides small figures: where only two people replied, it says "fewer than 3 people replied" instead of their counts and participation', async () => {
    const reply = await run('stats 90d', 'U1', SMALL);
    const channel = blockById(reply.blocks, 'digest_stats_channel').text.text as string;
    expect(channel).toContain('Replies: fewer than 3 people replied (the count and participation are not shown)');
    expect(channel).not.toContain('Participation: fewer than 3');
    expect(reply.blocks!.at(-1).elements[0].text).toBe('Figures about fewer than 3 people are not shown, so no one can be singled out.');
    expect(channel).not.toMatch(/People who replied: [0-9]/);
    expect(channel).not.toMatch(/Participation: [0-9]/);
  });

  it('adds the whole workspace for configured and Slack admins', async () => {
    for (const admin of [ADMIN, BOSS]) {
      const workspace = blockById((await run('stats 30d', admin)).blocks, 'digest_stats_workspace').text.text as string;
      expect(workspace).toContain('Active learners: 7 · Replies: 7');
      expect(workspace).toContain('Learnings by tag: ops (3)');
      expect(workspace).toContain('Mentoring check-ins: 0 held of 0 due');
    }
  });
});
