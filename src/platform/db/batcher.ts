import { isDatabaseUnavailable } from './unavailable';

export interface BatcherOptions {
  /** Most items one statement takes. */
  maxBatch: number;
  /** Statements in flight at once; the rest of the pool stays free for everything else. */
  maxConcurrent: number;
}

/**
 * Runs concurrent single-item writes as few statements: an item that arrives while every slot is busy
 * waits and goes with the others in the next statement, so under load one commit (one fsync) stores
 * many items, and with no load an item goes at once, alone. Each caller still learns its own outcome
 * once its statement committed. When a statement fails for another reason than an unreachable
 * database, its items are tried one by one, so one bad item fails only its own caller.
 */
export class Batcher<In, Out> {
  private readonly queue: { item: In; resolve: (out: Out) => void; reject: (error: unknown) => void }[] = [];
  private running = 0;

  constructor(
    private readonly run: (items: In[]) => Promise<Out[]>,
    private readonly options: BatcherOptions,
  ) {}

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.running < this.options.maxConcurrent && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.running += 1;
      void this.runBatch(batch).finally(() => {
        this.running -= 1;
        this.next();
      });
    }
  }

  private async runBatch(batch: typeof this.queue): Promise<void> {
    try {
      const outs = await this.run(batch.map((entry) => entry.item));
      batch.forEach((entry, index) => entry.resolve(outs[index] as Out));
    } catch (error) {
      if (batch.length === 1 || isDatabaseUnavailable(error)) {
        for (const entry of batch) entry.reject(error);
        return;
      }
      for (const entry of batch) {
        await this.run([entry.item]).then(
          (outs) => entry.resolve(outs[0] as Out),
          (single) => entry.reject(single),
        );
      }
    }
  }
}
