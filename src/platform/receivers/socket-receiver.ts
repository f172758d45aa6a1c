import { SocketModeClient } from '@slack/socket-mode';
import type { App, Receiver } from '@slack/bolt';
import { LogLevel } from '@slack/bolt';
import type { Logger } from '../../logger';
import { slackLogger } from '../../logger';
import { dispatchToBolt } from './dispatch';

interface SocketEnvelope {
  body: Record<string, unknown>;
  retry_num?: number;
  retry_reason?: string;
  ack: (response?: Record<string, unknown>) => Promise<void>;
}

/**
 * Socket Mode receiver with the same ack rules as the HTTP one: an event is acknowledged only once
 * its listeners finished (so a reply is stored before Slack forgets it), everything else at once.
 */
export class SocketReceiver implements Receiver {
  private app: App | undefined;
  private readonly client: SocketModeClient;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(options: { appToken: string; slackApiUrl: string | undefined; logger: Logger }) {
    this.client = new SocketModeClient({
      appToken: options.appToken,
      logger: slackLogger(options.logger),
      logLevel: LogLevel.INFO,
      clientOptions: options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {},
    });
    this.client.on('slack_event', (envelope: SocketEnvelope) => {
      if (!this.app || !envelope.body || typeof envelope.body !== 'object') return;
      const work = dispatchToBolt(
        this.app,
        envelope.body,
        (result) => {
          // Not acking a failed event makes Slack deliver it again.
          if (!result.ok) return;
          const payload = result.body === undefined ? undefined : typeof result.body === 'string' ? { text: result.body } : (result.body as Record<string, unknown>);
          envelope.ack(payload).catch((error) => options.logger.warn({ err: error }, 'socket ack failed'));
        },
        options.logger,
        { retryNum: envelope.retry_num, retryReason: envelope.retry_reason },
      );
      this.inFlight.add(work);
      void work.finally(() => this.inFlight.delete(work));
    });
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {
    await this.client.start();
  }

  /** Resolves once every request received so far has finished its work, including work after the ack. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async stop(timeoutMs = 8_000): Promise<void> {
    await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    await this.client.disconnect();
  }
}
