import { startLearnloop, type Learnloop } from '../../src/app';
import type { Clock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import type { Db } from '../../src/platform/db/connect';
import { FakeSlack } from './fake-slack';
import { freshDataDir } from './data-dir';
import { form, postToSlackEndpoint, SIGNING_SECRET, type SlackResponse } from './signed-request';
import { createTestSchema, testLogger, type TestSchema } from './test-db';

let eventCounter = 0;

export interface TestApp {
  learnloop: Learnloop;
  baseUrl: string;
  slack: FakeSlack;
  db: Db;
  teamId: string;
  schema: TestSchema;
  /** A signed slash command, form-encoded like Slack's. */
  command(command: string, text: string, fields?: Record<string, string>): Promise<SlackResponse>;
  /**
   * A signed event callback (JSON). Returns Slack's answer (timed when it arrived) once the app has also
   * finished the work it does after answering, so a test sees the outcome.
   */
  event(event: Record<string, unknown>, options?: { eventId?: string; headers?: Record<string, string>; teamId?: string; enterpriseId?: string; orgWide?: boolean }): Promise<SlackResponse>;
  /** A signed interaction (`payload=` form field); a unique trigger_id unless the payload names one. */
  interaction(payload: Record<string, unknown>): Promise<SlackResponse>;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: Clock;
  slack?: FakeSlack;
  schema?: TestSchema;
}

/** Starts the real app in HTTP mode on a free port, against a fresh schema and a fake Slack Web API. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const slack = options.slack ?? (await new FakeSlack().start());
  const schema = options.schema ?? (await createTestSchema());
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: schema.url,
    PORT: '0',
    LEARNLOOP_SCHEDULER: 'off',
    DATA_DIR: freshDataDir(),
    ...options.env,
  });
  const clock = options.clock ?? { now: () => new Date() };
  const learnloop = await startLearnloop(config, testLogger, clock);
  const baseUrl = `http://127.0.0.1:${learnloop.port}`;
  // In distribution mode no workspace is in scope here; tests name the workspace they send from.
  const teamId = learnloop.deps.workspaces.distributed ? slack.teamId : learnloop.deps.teamId;

  return {
    learnloop,
    baseUrl,
    slack,
    db: learnloop.deps.db,
    teamId,
    schema,
    command(command, text, fields = {}) {
      return postToSlackEndpoint(
        baseUrl,
        form({
          token: 'legacy-verification-token',
          team_id: teamId,
          team_domain: 'acme',
          channel_id: 'C0GENERAL',
          channel_name: 'general',
          user_id: 'U0ALICE',
          user_name: 'alice',
          command,
          text,
          api_app_id: 'A0APP',
          response_url: slack.responseUrl(`${command.slice(1)}-${++eventCounter}`),
          trigger_id: `trigger-${eventCounter}`,
          ...fields,
        }),
        'application/x-www-form-urlencoded',
      );
    },
    async event(event, eventOptions = {}) {
      const team = eventOptions.teamId ?? teamId;
      const org = eventOptions.enterpriseId ? { enterprise_id: eventOptions.enterpriseId } : {};
      const body = JSON.stringify({
        token: 'legacy-verification-token',
        team_id: team,
        ...org,
        api_app_id: 'A0APP',
        type: 'event_callback',
        event_id: eventOptions.eventId ?? `Ev${++eventCounter}${Date.now()}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: eventOptions.orgWide ? null : team, ...org, user_id: slack.botUserId, is_bot: true, is_enterprise_install: eventOptions.orgWide === true }],
        event,
      });
      const response = await postToSlackEndpoint(baseUrl, body, 'application/json', { headers: eventOptions.headers });
      await learnloop.settled();
      return response;
    },
    interaction(payload) {
      return postToSlackEndpoint(
        baseUrl,
        // Slack gives every interaction its own trigger_id, so two presses of one button are two signed bodies.
        form({ payload: JSON.stringify({ team: { id: teamId, domain: 'acme' }, api_app_id: 'A0APP', token: 'legacy', trigger_id: `trigger-${++eventCounter}`, ...payload }) }),
        'application/x-www-form-urlencoded',
      );
    },
    async stop() {
      await learnloop.stop();
      if (!options.slack) await slack.stop();
      if (!options.schema) await schema.drop();
    },
  };
}
