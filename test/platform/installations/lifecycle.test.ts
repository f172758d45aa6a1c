import { FakeSlack, type FakeInstall } from '../../support/fake-slack';
import { startTestApp, type TestApp } from '../../support/test-app';
import { distributionEnv, installThroughOAuth, newEncryptionKey } from '../../support/oauth';
import { seedPostedPrompt, seedSchedule } from '../../support/factories';
import { createTestSchema, testLogger } from '../../support/test-db';
import { TokenCipher, keyVersionOf } from '../../../src/platform/installations/token-cipher';
import { rekeyInstallations } from '../../../src/platform/installations/rekey';
import { openRow } from '../../../src/platform/installations/installation-store';
import { Workspaces } from '../../../src/platform/installations/workspaces';
import { WebClient } from '@slack/web-api';

const ACME: FakeInstall = { teamId: 'T0ACME', teamName: 'Acme', botUserId: 'U0ACMEBOT', installerId: 'U0ACMEADMIN' };
const DAY = 24 * 60 * 60 * 1000;

describe('distribution mode: uninstall and retention', () => {
  let slack: FakeSlack;
  let app: TestApp;
  let now: Date;
  beforeEach(async () => {
    slack = await new FakeSlack().start();
    now = new Date();
    app = await startTestApp({ slack, env: { ...distributionEnv(), LEARNLOOP_UNINSTALL_RETENTION_DAYS: '30' }, clock: { now: () => now } });
    expect((await installThroughOAuth(app.baseUrl, slack, ACME)).status).toBe(200);
    await app.db.insertInto('learning').values({ teamId: ACME.teamId, userId: 'U0ALICE', text: 'Small PRs get reviewed faster', tags: [], channelId: null }).execute();
  });
  afterEach(async () => {
    await app.stop();
    await slack.stop();
  });

  const uninstalled = { type: 'app_uninstalled' };
  const revoked = { type: 'tokens_revoked', tokens: { bot: [ACME.botUserId] } };

  for (const [name, order] of [
    ['app_uninstalled then tokens_revoked', [uninstalled, revoked]],
    ['tokens_revoked then app_uninstalled', [revoked, uninstalled]],
  ] as const) {
    it(`deletes the tokens at once and stops the workspace's jobs: ${name}`, async () => {
      for (const event of order) expect((await app.event(event, { teamId: ACME.teamId })).status).toBe(200);
      expect(await app.db.selectFrom('installation').selectAll().execute()).toEqual([]);
      const workspace = await app.db.selectFrom('workspace').select('uninstalledAt').where('teamId', '=', ACME.teamId).executeTakeFirstOrThrow();
      expect(workspace.uninstalledAt).not.toBeNull();

      await seedSchedule(app.db, ACME.teamId, 'C0ACME', { nextRunAt: new Date(now.getTime() - 60_000) });
      slack.reset();
      await app.learnloop.scheduler.tick(now);
      expect(slack.callsTo('chat.postMessage')).toEqual([]);
    });
  }

  it('deletes the workspace’s data after the retention, and not before', async () => {
    await app.event(uninstalled, { teamId: ACME.teamId });
    now = new Date(now.getTime() + 29 * DAY);
    await app.learnloop.scheduler.tick(now);
    expect(await app.db.selectFrom('learning').select('id').where('teamId', '=', ACME.teamId).execute()).toHaveLength(1);
    now = new Date(now.getTime() + 2 * DAY);
    await app.learnloop.scheduler.tick(now);
    expect(await app.db.selectFrom('learning').select('id').where('teamId', '=', ACME.teamId).execute()).toEqual([]);
    expect(await app.db.selectFrom('workspace').select('teamId').where('teamId', '=', ACME.teamId).execute()).toEqual([]);
  });

  it('keeps everything when the workspace is installed again within the retention', async () => {
    await app.event(uninstalled, { teamId: ACME.teamId });
    now = new Date(now.getTime() + 10 * DAY);
    expect((await installThroughOAuth(app.baseUrl, slack, ACME)).status).toBe(200);
    now = new Date(now.getTime() + 60 * DAY);
    await app.learnloop.scheduler.tick(now);
    expect(await app.db.selectFrom('learning').select('text').where('teamId', '=', ACME.teamId).execute()).toEqual([{ text: 'Small PRs get reviewed faster' }]);
    const workspace = await app.db.selectFrom('workspace').select('uninstalledAt').where('teamId', '=', ACME.teamId).executeTakeFirstOrThrow();
    expect(workspace.uninstalledAt).toBeNull();
  });
});

describe('distribution mode: rotating tokens', () => {
  it('refreshes a token before it expires once, although two processes try, and uses the new one', async () => {
    const slack = await new FakeSlack().start();
    const schema = await createTestSchema();
    const env = distributionEnv();
    let now = new Date();
    const clock = { now: () => now };
    const first = await startTestApp({ slack, schema, env, clock });
    const second = await startTestApp({ slack, schema, env, clock });
    try {
      expect((await installThroughOAuth(first.baseUrl, slack, { ...ACME, expiresIn: 12 * 60 * 60 })).status).toBe(200);
      const [original] = [...slack.tokens.keys()];
      now = new Date(now.getTime() + 11 * 60 * 60 * 1000);
      slack.reset();
      await Promise.all([first.learnloop.scheduler.tick(now), second.learnloop.scheduler.tick(now)]);
      const refreshes = slack.callsTo('oauth.v2.access').filter((call) => call.params.grant_type === 'refresh_token');
      expect(refreshes).toHaveLength(1);
      const newest = [...slack.tokens.keys()].at(-1)!;
      expect(newest).not.toBe(original);

      // A scheduled prompt afterwards goes out with the new token, from either process.
      await seedSchedule(first.db, ACME.teamId, 'C0ACME', { nextRunAt: new Date(now.getTime() - 60_000) });
      slack.reset();
      await second.learnloop.scheduler.tick(now);
      const post = slack.callsTo('chat.postMessage').find((call) => call.params.channel === 'C0ACME');
      expect(post?.token).toBe(newest);
    } finally {
      await second.stop();
      await first.stop();
      await schema.drop();
      await slack.stop();
    }
  });
});

describe('npm run rekey', () => {
  it('encrypts every token again under the new key, and the app reads them with the old key gone', async () => {
    const slack = await new FakeSlack().start();
    const schema = await createTestSchema();
    const oldKey = newEncryptionKey();
    const newKey = newEncryptionKey();
    const before = await startTestApp({ slack, schema, env: distributionEnv(oldKey) });
    try {
      expect((await installThroughOAuth(before.baseUrl, slack, ACME)).status).toBe(200);
      const rotated = new TokenCipher([Buffer.from(newKey, 'base64'), Buffer.from(oldKey, 'base64')]);
      expect(await rekeyInstallations(before.db, rotated)).toEqual({ rekeyed: 1, current: 0 });
      expect(await rekeyInstallations(before.db, rotated)).toEqual({ rekeyed: 0, current: 1 });
      const row = await before.db.selectFrom('installation').selectAll().executeTakeFirstOrThrow();
      expect(row.keyVersion).toBe(keyVersionOf(Buffer.from(newKey, 'base64')));
      expect(() => openRow(new TokenCipher([Buffer.from(oldKey, 'base64')]), row)).toThrow(/not among LEARNLOOP_ENCRYPTION_KEY/);

      const newOnly = new TokenCipher([Buffer.from(newKey, 'base64')]);
      const workspaces = new Workspaces({
        db: before.db,
        logger: testLogger,
        now: () => new Date(),
        makeClients: (token) => ({ slack: new WebClient(token, { slackApiUrl: slack.apiUrl }), poster: new WebClient(token, { slackApiUrl: slack.apiUrl }) }),
        distribution: { cipher: newOnly, clientId: '', clientSecret: '', slackApiUrl: slack.apiUrl },
      });
      const context = await workspaces.contextFor(ACME.teamId);
      expect(slack.installOf(context?.slack.token)?.teamId).toBe(ACME.teamId);
    } finally {
      await before.stop();
      await schema.drop();
      await slack.stop();
    }
  });
});

describe('distribution mode: an Enterprise Grid org-wide install', () => {
  it('serves every workspace of the org with the org’s token', async () => {
    const slack = await new FakeSlack().start();
    const app = await startTestApp({ slack, env: distributionEnv() });
    try {
      const org: FakeInstall = { teamId: '', enterpriseId: 'E0ORG', orgWide: true, botUserId: 'U0ORGBOT', installerId: 'W0ORGADMIN' };
      expect((await installThroughOAuth(app.baseUrl, slack, org)).status).toBe(200);
      slack.reset();
      for (const teamId of ['T0ORGA', 'T0ORGB']) {
        const answer = await app.command('/learnloop', 'prompts', { team_id: teamId, enterprise_id: 'E0ORG', is_enterprise_install: 'true', user_id: 'W0ALICE', channel_id: `C0${teamId}` });
        expect(answer.status).toBe(200);
      }
      await app.learnloop.settled();
      expect(slack.callsTo('views.open').map((call) => slack.installOf(call.token)?.enterpriseId)).toEqual(['E0ORG', 'E0ORG']);
      // Both workspaces joined the ones scheduled work runs for, under the org.
      const workspaces = await app.db.selectFrom('workspace').select(['teamId', 'enterpriseId']).where('enterpriseId', '=', 'E0ORG').orderBy('teamId').execute();
      expect(workspaces).toEqual([
        { teamId: 'T0ORGA', enterpriseId: 'E0ORG' },
        { teamId: 'T0ORGB', enterpriseId: 'E0ORG' },
      ]);
      await seedSchedule(app.db, 'T0ORGB', 'C0T0ORGB', { nextRunAt: new Date(Date.now() - 60_000) });
      slack.reset();
      await app.learnloop.scheduler.tick(new Date());
      expect(slack.callsTo('chat.postMessage').map((call) => [call.params.channel, slack.installOf(call.token)?.enterpriseId])).toEqual([['C0T0ORGB', 'E0ORG']]);

      // A person is one person across the org: going quiet in one workspace quiets them in the other too.
      expect((await app.command('/learnloop', 'quiet 3d', { team_id: 'T0ORGA', enterprise_id: 'E0ORG', is_enterprise_install: 'true', user_id: 'W0ALICE' })).status).toBe(200);
      await app.learnloop.settled();
      const muted = await app.db.selectFrom('person').select(['teamId', 'mutedUntil']).where('userId', '=', 'W0ALICE').orderBy('teamId').execute();
      expect(muted.map((row) => [row.teamId, row.mutedUntil !== null])).toEqual([
        ['T0ORGA', true],
        ['T0ORGB', true],
      ]);
    } finally {
      await app.stop();
      await slack.stop();
    }
  });
});

describe('distribution mode: thread replies', () => {
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

  const reply = (channel: string, threadTs: string, ts: string, user: string, text: string) => ({ type: 'message', channel, user, text, ts, thread_ts: threadTs });

  it('stores a reply in its installed workspace, with that workspace’s address in its permalink, and none from a workspace without one', async () => {
    await installThroughOAuth(app.baseUrl, slack, ACME);
    await seedPostedPrompt(app.db, ACME.teamId, 'C0ACME', '1790000000.000100');
    await seedPostedPrompt(app.db, 'T0NOBODY', 'C0NOBODY', '1790000000.000100');
    expect((await app.event(reply('C0ACME', '1790000000.000100', '1790000001.000200', 'U0BOB', 'We ship smaller'), { teamId: ACME.teamId })).status).toBe(200);
    expect((await app.event(reply('C0NOBODY', '1790000000.000100', '1790000001.000200', 'U0EVE', 'Not for us'), { teamId: 'T0NOBODY' })).status).toBe(200);
    const rows = await app.db.selectFrom('threadReply').select(['teamId', 'text', 'permalink']).execute();
    expect(rows).toEqual([{ teamId: ACME.teamId, text: 'We ship smaller', permalink: expect.stringMatching(/^https:\/\/t0acme\.slack\.com\/archives\/C0ACME\//) }]);
  });

  it('treats a channel shared by two workspaces of an org as one channel: a reply, its edit and its deletion from the other workspace reach the thread', async () => {
    const org: FakeInstall = { teamId: '', enterpriseId: 'E0ORG', orgWide: true, botUserId: 'U0ORGBOT', installerId: 'W0ORGADMIN' };
    await installThroughOAuth(app.baseUrl, slack, org);
    for (const teamId of ['T0ORGA', 'T0ORGB']) {
      await app.db.insertInto('workspace').values({ teamId, name: null, url: null, botUserId: null, enterpriseId: 'E0ORG', uninstalledAt: null }).execute();
    }
    const promptId = await seedPostedPrompt(app.db, 'T0ORGA', 'C0SHARED', '1790000000.000100');
    const fromB = { teamId: 'T0ORGB', enterpriseId: 'E0ORG', orgWide: true };
    await app.event(reply('C0SHARED', '1790000000.000100', '1790000001.000200', 'W0BOB', 'first draft'), fromB);
    const stored = await app.db.selectFrom('threadReply').innerJoin('trackedThread', (join) => join.onRef('trackedThread.id', '=', 'threadReply.threadId').onRef('trackedThread.teamId', '=', 'threadReply.teamId')).select(['threadReply.teamId', 'threadReply.text', 'trackedThread.subjectId']).execute();
    expect(stored).toEqual([{ teamId: 'T0ORGA', text: 'first draft', subjectId: promptId }]);

    await app.event({ type: 'message', subtype: 'message_changed', channel: 'C0SHARED', ts: '1790000002.000999', message: { type: 'message', user: 'W0BOB', text: 'second draft', ts: '1790000001.000200', thread_ts: '1790000000.000100' } }, fromB);
    expect(await app.db.selectFrom('threadReply').select('text').execute()).toEqual([{ text: 'second draft' }]);
    await app.event({ type: 'message', subtype: 'message_deleted', channel: 'C0SHARED', ts: '1790000003.000999', deleted_ts: '1790000001.000200', previous_message: { type: 'message', user: 'W0BOB', ts: '1790000001.000200', thread_ts: '1790000000.000100' } }, fromB);
    expect(await app.db.selectFrom('threadReply').select('text').execute()).toEqual([]);
  });
});
