import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake model received: its headers and parsed body. */
export interface AiRequest {
  headers: IncomingMessage['headers'];
  body: { model: string; messages: { role: string; content: string }[]; max_tokens?: number; tools?: unknown; [key: string]: unknown };
}

export interface AiReply {
  status?: number;
  delayMs?: number;
  /** The assistant message's content (a JSON string for a valid answer). */
  content?: string;
}

/**
 * A local OpenAI-compatible Chat Completions endpoint for tests: it records every request and answers each
 * task Learnloop asks with a plausible JSON answer (which names people only by their Participant label),
 * unless a test sets `reply`.
 */
export class FakeAi {
  readonly requests: AiRequest[] = [];
  reply: ((request: AiRequest) => AiReply) | undefined;
  private server: Server | undefined;

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/v1`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request: AiRequest = { headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') };
        this.requests.push(request);
        const reply = this.reply ? this.reply(request) : { content: defaultAnswer(request) };
        const send = () => {
          if (res.destroyed) return;
          if (reply.status && reply.status !== 200) {
            res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'the model is unavailable', type: 'server_error' } }));
            return;
          }
          res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              id: `chatcmpl-${this.requests.length}`,
              object: 'chat.completion',
              created: Math.floor(Date.now() / 1000),
              model: request.body.model,
              choices: [{ index: 0, message: { role: 'assistant', content: reply.content ?? '' }, finish_reason: 'stop' }],
              usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
            }),
          );
        };
        if (reply.delayMs) setTimeout(send, reply.delayMs);
        else send();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Everything every request sent, as one string to search. */
  sentText(): string {
    return this.requests.map((r) => JSON.stringify(r.body)).join('\n');
  }

  /** Which of Learnloop's tasks a request was, by its fixed system prompt. */
  static taskOf(request: AiRequest): string {
    const system = request.body.messages[0]?.content ?? '';
    if (system.includes('after-action review')) return 'review_synthesis';
    if (system.includes("week's learning themes")) return 'digest_themes';
    if (system.includes('follow-up question')) return 'next_question';
    return 'ask';
  }
}

function defaultAnswer(request: AiRequest): string {
  switch (FakeAi.taskOf(request)) {
    case 'review_synthesis':
      return JSON.stringify({
        themes: [{ title: 'Release safety', summary: 'Participant A saw that a canary stage would have caught it.', sources: [1, 2] }],
        commitments: ['Add a canary stage before each release', 'Page the on-call earlier'],
      });
    case 'digest_themes':
      return '```json\n' + JSON.stringify({ themes: [{ title: 'Testing habits', summary: 'Several replies on flaky tests.', sources: [1] }] }) + '\n```';
    case 'next_question':
      return JSON.stringify({ question: 'What would Participant A try first next sprint?' });
    default:
      return JSON.stringify({ known: true, answer: 'Roll back with the deploy tool first, then investigate.', sources: [1] });
  }
}
