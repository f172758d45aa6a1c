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
    expect(await response.json()).toEqual({ ok: true, db: 'ok' });
  });

  it('answers 503 while the database is down, and 200 again once it is back', async () => {
    proxy.cut();
    const down = await fetch(`${app.baseUrl}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ok: false, db: 'unavailable' });
    proxy.restore();
    const back = await fetch(`${app.baseUrl}/healthz`);
    expect(back.status).toBe(200);
  });
});
