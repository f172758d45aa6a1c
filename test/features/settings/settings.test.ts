import { seedReply, seedThread } from '../../support/digest-seed';
import { startTestApp, type TestApp } from '../../support/test-app';
import { blockById } from '../../support/blocks';

const NOW = new Date('2026-11-27T15:00:00Z');
const CHANNEL = 'C0TEAM';
const ALICE = 'U0ALICE';
const ADMIN = 'U0ADMIN'; // in LEARNLOOP_ADMINS
const BOSS = 'U0BOSS'; // a Slack workspace admin
const MEMBERS = ['U1', 'U2', 'U3', 'U4', ALICE, ADMIN];

describe('/learnloop settings', () => {
  let app: TestApp;
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp({ env: { LEARNLOOP_ADMINS: ADMIN }, clock: { now: () => new Date(NOW) } });
    for (const id of [...MEMBERS, BOSS]) app.slack.addUser({ id, is_admin: id === BOSS });
    app.slack.channelMembers.set(CHANNEL, MEMBERS);
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    await app.db.deleteFrom('workspaceSetting').execute();
  });

  async function run(text: string, user: string, where: { channel_id: string; channel_name: string } = { channel_id: CHANNEL, channel_name: 'team' }): Promise<{ text: string; blocks?: any[] }> {
    const id = `settings-test-${++counter}`;
    await app.command('/learnloop', text, { user_id: user, ...where, response_url: app.slack.responseUrl(id) });
    const reply = await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${id}`));
    expect(reply.body.response_type).toBe('ephemeral');
    return reply.body as { text: string; blocks?: any[] };
  }
  const setting = () => app.db.selectFrom('workspaceSetting').selectAll().where('teamId', '=', app.teamId).executeTakeFirst();

  it('shows every setting with its value and how to change it', async () => {
    const reply = await run('settings', ALICE);
    const emoji = blockById(reply.blocks, 'settings_review_emoji').text.text as string;
    expect(emoji).toContain(`*Review emoji in <#${CHANNEL}>:* :rewind: (the default)`);
    expect(emoji).toContain('`/learnloop settings review-emoji tada`');
    const retention = blockById(reply.blocks, 'settings_retention').text.text as string;
    expect(retention).toContain('keep everything (the default)');
    expect(retention).toContain('`/learnloop settings retention DAYS` (30 to 3650)');
    const minGroup = blockById(reply.blocks, 'settings_min_group').text.text as string;
    expect(minGroup).toContain('*Minimum group size (whole workspace):* 3 (the default)');
    expect(minGroup).toContain('`/learnloop settings min-group 5`');
    expect(minGroup).toContain('(2 to 50)');
    expect(blockById(reply.blocks, 'settings_ai').text.text).toContain('*AI partner (optional):* not set up on this Learnloop');
    expect(reply.blocks!.at(-1).elements[0].text).toContain('for Learnloop admins');
    expect(reply.text).toBe('Learnloop settings: review emoji :rewind:, retention keep everything, minimum group size 3.');
  });

  it("shows this channel's review emoji and the workspace's retention as they are set", async () => {
    await run('settings review-emoji tada', ALICE);
    await run('settings retention 365', ADMIN);
    const reply = await run('settings', ADMIN);
    expect(blockById(reply.blocks, 'settings_review_emoji').text.text).toContain(':tada:\n');
    expect(blockById(reply.blocks, 'settings_retention').text.text).toContain('delete content older than 365 days, once a night');
    expect(reply.blocks!.at(-1).elements[0].text).toBe('You are an admin, so you can change every setting.');
  });

  it.each([ADMIN, BOSS])('lets an admin (%s) change the minimum group size, which stats then use, keeping the retention', async (admin) => {
    const thread = await seedThread(app.db, app.teamId, CHANNEL);
    for (const user of ['U1', 'U2', 'U3', 'U4']) await seedReply(app.db, app.teamId, thread, CHANNEL, user, new Date(NOW.getTime() - 86_400_000));
    const stats = async () => blockById((await run('stats', ALICE)).blocks, 'digest_stats_channel').text.text as string;
    expect(await stats()).toContain('People who replied: 4');

    await run('settings retention 365', admin);
    const done = await run('settings min-group 5', admin);
    expect(done.text).toBe('Done: from now on, figures about fewer than 5 people are not shown in digests, stats and the Home.');
    expect(await setting()).toMatchObject({ minGroupSize: 5, retentionDays: 365, updatedBy: admin });
    expect(await stats()).toContain('Replies: fewer than 5 people replied');
    expect(blockById((await run('settings', ALICE)).blocks, 'settings_min_group').text.text).toContain('*Minimum group size (whole workspace):* 5\n');
    expect((await run('settings min-group', ALICE)).text).toContain('Figures about fewer than 5 people are not shown');
    await app.db.deleteFrom('threadReply').execute();
  });

  it('refuses the change to someone who is not an admin', async () => {
    const reply = await run('settings min-group 10', ALICE);
    expect(reply.text).toContain('Only Learnloop admins (LEARNLOOP_ADMINS) and Slack workspace admins can change the minimum group size.');
    expect(await setting()).toBeUndefined();
  });

  it.each(['1', '51', 'five', '4.5', '<!channel>'])('refuses a minimum group size of %s with the range and an example', async (typed) => {
    const reply = await run(`settings min-group ${typed}`, ADMIN);
    expect(reply.text).toContain('is not a group size; give a whole number from 2 to 50, e.g. `/learnloop settings min-group 5`.');
    expect(reply.text).not.toContain('<!channel>');
    expect(await setting()).toBeUndefined();
  });

  it('works from a DM for the workspace settings and says the review emoji is per channel', async () => {
    const dm = { channel_id: 'D0ADMIN', channel_name: 'directmessage' };
    const reply = await run('settings', ADMIN, dm);
    expect(blockById(reply.blocks, 'settings_review_emoji').text.text).toContain('each channel has its own');
    expect((await run('settings min-group 4', ADMIN, dm)).text).toContain('fewer than 4 people');
    expect(await setting()).toMatchObject({ minGroupSize: 4 });
    expect((await run('settings review-emoji tada', ADMIN, dm)).text).toContain('belongs to a channel');
  });

  it('names every setting when it does not know one', async () => {
    const reply = await run('settings colour blue', ALICE);
    for (const name of ['`review-emoji`', '`retention`', '`min-group`']) expect(reply.text).toContain(name);
  });
});
