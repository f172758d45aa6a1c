import pino from 'pino';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { AiClient } from '../../../src/platform/ai/ai-client';
import { FakeAi } from '../../support/fake-ai';

describe('AiClient', () => {
  let ai: FakeAi;
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => void (lines.push(String(chunk)), done()) }));

  beforeAll(async () => {
    ai = await new FakeAi().start();
  });
  afterAll(async () => {
    await ai.stop();
  });
  beforeEach(() => {
    lines.length = 0;
    ai.requests.length = 0;
  });

  const question = { task: 'ask', system: 'Fixed rules.', data: { question: 'tokdataword' }, answer: z.object({ answer: z.string() }), maxTokens: 50 };

  it('sends the fixed rules as the system message and the data as quoted JSON, with the key, no tools and the length cap', async () => {
    const client = new AiClient({ baseUrl: ai.baseUrl, model: 'm1', apiKey: 'sk-test-key-0123456789', timeoutMs: 2_000 }, logger);
    ai.reply = () => ({ content: '{"answer":"tokanswerword"}' });
    expect(await client.ask(question)).toEqual({ kind: 'answered', value: { answer: 'tokanswerword' } });
    const [request] = ai.requests;
    expect(request!.headers.authorization).toBe('Bearer sk-test-key-0123456789');
    expect(request!.body).toMatchObject({ model: 'm1', max_tokens: 50, messages: [{ role: 'system', content: 'Fixed rules.' }, { role: 'user', content: expect.stringContaining('{"question":"tokdataword"}') }] });
    expect(request!.body.tools).toBeUndefined();
  });

  it('logs counts and timings only: never the words sent, the answer or the key', async () => {
    const client = new AiClient({ baseUrl: ai.baseUrl, model: 'm1', apiKey: 'sk-test-key-0123456789', timeoutMs: 2_000 }, logger);
    ai.reply = () => ({ content: '{"answer":"tokanswerword"}' });
    await client.ask(question);
    ai.reply = () => ({ status: 503 });
    await client.ask(question);
    const log = lines.join('');
    expect(log).toContain('"sentChars"');
    expect(log).toContain('"ms"');
    for (const word of ['tokdataword', 'tokanswerword', 'sk-test-key', 'Fixed rules']) expect(log).not.toContain(word);
  });

  it('says timeout, unreachable or invalid answer instead of throwing', async () => {
    const client = new AiClient({ baseUrl: ai.baseUrl, model: 'm1', apiKey: undefined, timeoutMs: 200 }, logger);
    ai.reply = () => ({ delayMs: 1_000, content: '{"answer":"late"}' });
    expect(await client.ask(question)).toEqual({ kind: 'failed', reason: 'timeout' });
    ai.reply = () => ({ status: 500 });
    expect(await client.ask(question)).toEqual({ kind: 'failed', reason: 'unreachable' });
    ai.reply = () => ({ content: '{"answer": 42}' });
    expect(await client.ask(question)).toEqual({ kind: 'failed', reason: 'invalid_answer' });
    const closed = new AiClient({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm1', apiKey: undefined, timeoutMs: 500 }, logger);
    expect(await closed.ask(question)).toEqual({ kind: 'failed', reason: 'unreachable' });
  });
});
