import { sql } from 'kysely';
import { FakeSlack, type FakeInstall } from '../../support/fake-slack';
import { startTestApp, type TestApp } from '../../support/test-app';
import { beginInstall, distributionEnv, get, installThroughOAuth } from '../../support/oauth';
import { seedSchedule } from '../../support/factories';
import { loadConfig } from '../../../src/config';

const ACME: FakeInstall = { teamId: 'T0ACME', teamName: 'Acme', botUserId: 'U0ACMEBOT', installerId: 'U0ACMEADMIN' };
const GLOBEX: FakeInstall = { teamId: 'T0GLOBEX', teamName: 'Globex', botUserId: 'U0GLOBEXBOT', installerId: 'U0GLOBEXADMIN' };

/** The workspace each Web API call's token belongs to (undefined: a call without a token, e.g. oauth.v2.access). */
function teamsOfCalls(slack: FakeSlack, method: string): (string | undefined)[] {
  return slack.callsTo(method).map((call) => slack.installOf(call.token)?.teamId);
}

describe('distribution mode: installs into many workspaces', () => {
  let slack: FakeSlack;
  let app: TestApp;
  beforeEach(async () => {
    slack = await new FakeSlack().start();
    app = await startTestApp({ slack, env: distributionEnv() });
  });
  afterEach(async () => {
    await app.stop();
    await slack.stop();
  });

  it('serves an Add to Slack page that asks for the manifest’s bot scopes with a state', async () => {
    const { page, state, cookie, authorizeUrl } = await beginInstall(app.baseUrl);
    expect(page.status).toBe(200);
    expect(authorizeUrl.origin + authorizeUrl.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(authorizeUrl.searchParams.get('client_id')).toBe(distributionEnv().SLACK_CLIENT_ID);
    expect(authorizeUrl.searchParams.get('scope')?.split(',')).toEqual(expect.arrayContaining(['commands', 'chat:write', 'im:history', 'files:write']));
    expect(state.length).toBeGreaterThan(20);
    expect(cookie).toContain(state);
  });

  it('installs two workspaces, welcomes each installer with its own token, and keeps every call to its own workspace', async () => {
    for (const install of [ACME, GLOBEX]) {
      const answer = await installThroughOAuth(app.baseUrl, slack, install);
      expect(answer.status).toBe(200);
      expect(answer.body).toContain('Learnloop is installed');
      expect(answer.body).toContain(`team=${install.teamId}`);
    }
    const welcomes = slack.callsTo('chat.postMessage');
    expect(welcomes.map((call) => [call.params.channel, slack.installOf(call.token)?.teamId])).toEqual([
      [ACME.installerId, ACME.teamId],
      [GLOBEX.installerId, GLOBEX.teamId],
    ]);
    const rows = await app.db.selectFrom('installation').select(['teamId', 'botUserId', 'installerUserId']).orderBy('teamId').execute();
    expect(rows).toEqual([
      { teamId: ACME.teamId, botUserId: ACME.botUserId, installerUserId: ACME.installerId },
      { teamId: GLOBEX.teamId, botUserId: GLOBEX.botUserId, installerUserId: GLOBEX.installerId },
    ]);

    // A signed command from each workspace is answered with that workspace's token.
    slack.reset();
    for (const install of [ACME, GLOBEX]) {
      const answer = await app.command('/learnloop', 'prompts', { team_id: install.teamId, user_id: install.installerId, channel_id: `C0${install.teamId}` });
      expect(answer.status).toBe(200);
    }
    await app.learnloop.settled();
    expect(teamsOfCalls(slack, 'views.open')).toEqual([ACME.teamId, GLOBEX.teamId]);

    // Each workspace's scheduled prompt goes to its channel with its token, and nothing crosses over.
    slack.reset();
    const due = new Date(Date.now() - 60_000);
    for (const install of [ACME, GLOBEX]) await seedSchedule(app.db, install.teamId, `C0${install.teamId}`, { nextRunAt: due });
    await app.learnloop.scheduler.tick(new Date());
    const posts = slack.callsTo('chat.postMessage').map((call) => ({ channel: call.params.channel, team: slack.installOf(call.token)?.teamId }));
    expect(posts).toEqual(expect.arrayContaining([
      { channel: `C0${ACME.teamId}`, team: ACME.teamId },
      { channel: `C0${GLOBEX.teamId}`, team: GLOBEX.teamId },
    ]));
    for (const call of slack.calls.filter((c) => c.token)) {
      const channel = String(call.params.channel ?? '');
      if (channel.startsWith('C0T')) expect(`C0${slack.installOf(call.token)?.teamId}`).toBe(channel);
    }
  });

  it('skips, and never serves with another token, a workspace no installation serves', async () => {
    await installThroughOAuth(app.baseUrl, slack, ACME);
    await app.db.insertInto('workspace').values({ teamId: 'T0NOBODY', name: null, url: null, botUserId: null, uninstalledAt: null }).execute();
    const scheduleId = await seedSchedule(app.db, 'T0NOBODY', 'C0NOBODY', { nextRunAt: new Date(Date.now() - 60_000) });
    slack.reset();
    await app.learnloop.scheduler.tick(new Date());
    expect(slack.calls.filter((call) => call.params.channel === 'C0NOBODY')).toEqual([]);
    // Not claimed either: it runs once the workspace is installed.
    expect(await app.db.selectFrom('prompt').select('id').where('teamId', '=', 'T0NOBODY').execute()).toEqual([]);
    expect(await app.db.selectFrom('promptSchedule').select('id').where('id', '=', scheduleId).executeTakeFirst()).toBeDefined();

    // A command from it is answered (200) but nothing is done in its name.
    const answer = await app.command('/learned', 'Small PRs get reviewed faster', { team_id: 'T0NOBODY', user_id: 'U0STRANGER' });
    expect(answer.status).toBe(200);
    expect(await app.db.selectFrom('learning').select('id').where('teamId', '=', 'T0NOBODY').execute()).toEqual([]);
  });

  it('stores no token in plain text anywhere in the database', async () => {
    await installThroughOAuth(app.baseUrl, slack, ACME);
    await installThroughOAuth(app.baseUrl, slack, { ...GLOBEX, expiresIn: 43_200 });
    const tokens = [...slack.tokens.keys()];
    expect(tokens).toHaveLength(2);
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(app.db.withoutPlugins());
    let dump = '';
    for (const { table_name } of tables.rows) dump += JSON.stringify((await sql`select * from ${sql.table(table_name)}`.execute(app.db.withoutPlugins())).rows);
    expect(dump).toContain('T0GLOBEX');
    for (const secret of ['SECRETBOT', 'SECRETREFRESH', 'xoxb-', 'xoxe-']) expect(dump).not.toContain(secret);
  });
});

describe('distribution mode: the OAuth state', () => {
  let slack: FakeSlack;
  let app: TestApp;
  let now: Date;
  beforeEach(async () => {
    slack = await new FakeSlack().start();
    now = new Date();
    app = await startTestApp({ slack, env: distributionEnv(), clock: { now: () => now } });
  });
  afterEach(async () => {
    await app.stop();
    await slack.stop();
  });

  async function installations(): Promise<number> {
    return (await app.db.selectFrom('installation').select('teamId').execute()).length;
  }

  it('refuses a redirect without a state for a workspace install, storing nothing', async () => {
    const answer = await get(app.baseUrl, `/slack/oauth_redirect?code=${slack.grant(ACME)}`);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('Only org-wide installs');
    expect(await installations()).toBe(0);
  });

  it('refuses a forged state and an unknown one', async () => {
    const { cookie } = await beginInstall(app.baseUrl);
    for (const state of ['forged.state', cookie.split('=')[1]!.replace(/.$/, 'x')]) {
      const answer = await get(app.baseUrl, `/slack/oauth_redirect?code=${slack.grant(ACME)}&state=${encodeURIComponent(state)}`, { cookie: `slack-app-oauth-state=${state}` });
      expect(answer.status).toBe(400);
      expect(answer.body).toContain('expired, was already used');
    }
    expect(await installations()).toBe(0);
  });

  it('uses a state once', async () => {
    const { state, cookie } = await beginInstall(app.baseUrl);
    const first = await get(app.baseUrl, `/slack/oauth_redirect?code=${slack.grant(ACME)}&state=${encodeURIComponent(state)}`, { cookie });
    expect(first.status).toBe(200);
    const again = await get(app.baseUrl, `/slack/oauth_redirect?code=${slack.grant(GLOBEX)}&state=${encodeURIComponent(state)}`, { cookie });
    expect(again.status).toBe(400);
    expect(await app.db.selectFrom('installation').select('teamId').execute()).toEqual([{ teamId: ACME.teamId }]);
  });

  it('refuses a state older than 10 minutes', async () => {
    const { state, cookie } = await beginInstall(app.baseUrl);
    now = new Date(now.getTime() + 10 * 60_000 + 1_000);
    const answer = await get(app.baseUrl, `/slack/oauth_redirect?code=${slack.grant(ACME)}&state=${encodeURIComponent(state)}`, { cookie });
    expect(answer.status).toBe(400);
    expect(await installations()).toBe(0);
  });

  it('says so when the person cancelled in Slack', async () => {
    const { state, cookie } = await beginInstall(app.baseUrl);
    const answer = await get(app.baseUrl, `/slack/oauth_redirect?error=access_denied&state=${encodeURIComponent(state)}`, { cookie });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('cancelled');
    expect(await installations()).toBe(0);
  });

  it('stores nothing when Slack refuses the code exchange', async () => {
    const { state, cookie } = await beginInstall(app.baseUrl);
    const answer = await get(app.baseUrl, `/slack/oauth_redirect?code=a-code-slack-never-issued&state=${encodeURIComponent(state)}`, { cookie });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('Slack did not confirm the installation');
    expect(await installations()).toBe(0);
  });

  it('accepts an org-wide install begun from Slack’s admin pages without a state', async () => {
    const org: FakeInstall = { teamId: '', enterpriseId: 'E0ORG', orgWide: true, botUserId: 'U0ORGBOT', installerId: 'U0ORGADMIN' };
    const answer = await get(app.baseUrl, `/slack/oauth_redirect?code=${slack.grant(org)}`);
    expect(answer.status).toBe(200);
    expect(await app.db.selectFrom('installation').select(['teamId', 'isEnterpriseInstall']).execute()).toEqual([{ teamId: 'E0ORG', isEnterpriseInstall: true }]);
  });
});

describe('distribution mode: configuration', () => {
  it('refuses a bot token together with client credentials, naming which to remove', () => {
    expect(() => loadConfig({ ...distributionEnv(), SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 's' })).toThrow(/remove SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET to serve one workspace/);
  });

  it('refuses to start without LEARNLOOP_ENCRYPTION_KEY, naming it', () => {
    const env = { ...distributionEnv(), SLACK_SIGNING_SECRET: 's', LEARNLOOP_ENCRYPTION_KEY: '' };
    expect(() => loadConfig(env)).toThrow(/LEARNLOOP_ENCRYPTION_KEY is missing/);
    expect(() => loadConfig({ ...env, LEARNLOOP_ENCRYPTION_KEY: 'too-short' })).toThrow(/LEARNLOOP_ENCRYPTION_KEY must be 32 bytes in base64/);
  });

  it('reads distribution mode with its keys', () => {
    const config = loadConfig({ ...distributionEnv(), SLACK_SIGNING_SECRET: 's' });
    expect(config.slackBotToken).toBeUndefined();
    expect(config.distribution?.encryptionKeys[0]).toHaveLength(32);
    expect(config.uninstallRetentionDays).toBe(30);
  });

});
