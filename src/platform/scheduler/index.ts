import cron, { type ScheduledTask } from 'node-cron';
import type { Deps } from '../../deps';

/** A scheduled job: a plain function of its dependencies and "now" that says what it did. */
export interface Job {
  name: string;
  run(now: Date): Promise<Record<string, number>>;
}

export interface Scheduler {
  /** Runs every job once for `now`; what a cron tick does, callable from tests. */
  tick(now: Date): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Ticks every minute and runs each job in turn. Ticks never overlap within a process; across
 * processes, jobs claim their work in PostgreSQL, so any number of processes can tick together.
 */
export function startScheduler(deps: Pick<Deps, 'logger' | 'clock'>, jobs: readonly Job[], options: { enabled: boolean }): Scheduler {
  let running: Promise<void> | undefined;

  async function tick(now: Date): Promise<void> {
    for (const job of jobs) {
      try {
        const summary = await job.run(now);
        if (Object.values(summary).some((count) => count > 0)) deps.logger.info({ job: job.name, ...summary }, 'job ran');
      } catch (error) {
        deps.logger.error({ err: error, job: job.name }, 'job failed; it runs again on the next tick');
      }
    }
  }

  let task: ScheduledTask | undefined;
  if (options.enabled) {
    task = cron.schedule(
      '* * * * *',
      async () => {
        if (running) return;
        running = tick(deps.clock.now()).finally(() => (running = undefined));
        await running;
      },
      { name: 'learnloop-tick', noOverlap: true },
    );
  }

  return {
    tick,
    async stop() {
      await task?.destroy();
      await running;
    },
  };
}
