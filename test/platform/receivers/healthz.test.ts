import { startTestApp, type TestApp } from '../../support/test-app';
import { createTestSchema } from '../../support/test-db';
import { TcpProxy } from '../../support/tcp-proxy';

describe('GET /healthz', () => {
  let app: TestApp;
  let proxy: TcpProxy;

  beforeAll(async () => {
    const schema = await createTestSchema();
    const target = TcpProxy.target(schema.url);
    proxy = await new TcpProxy(target.host, target.port).start();
    app = await startTestApp({ schema: { ...schema, url: TcpProxy.route(schema.url, proxy) } });
    app.schema.drop = schema.drop;
  });
  afterAll(async () => {
    proxy.restore();
    await app.stop();
    await proxy.stop();
    await app.schema.drop();
  });

  it('answers 200 with db ok while the database answers', async () => {
    const response = await fetch(`${app.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, db: 'ok', spool: { depth: 0, oldestAgeSeconds: null } });
  });

  it('stays 200 while the database is down and the spool can take what Slack sends, and says so', async () => {
    proxy.cut();
    const down = await fetch(`${app.baseUrl}/healthz`);
    // A load balancer must keep sending: answering 503 here would turn Slack's retries into losses.
    expect(down.status).toBe(200);
    expect(await down.json()).toEqual({ ok: true, db: 'unavailable', spool: { depth: 0, oldestAgeSeconds: null } });
    proxy.restore();
    const back = await fetch(`${app.baseUrl}/healthz`);
    expect(back.status).toBe(200);
  });
});
