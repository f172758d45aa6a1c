import type { AnyMiddlewareArgs, App, Middleware } from '@slack/bolt';

/** What a feature registers its listeners with: Bolt's own registration methods, by id. */
export type Registrar = Pick<App, 'command' | 'action' | 'view' | 'shortcut' | 'event'>;

type Kind = 'command' | 'action' | 'view' | 'shortcut' | 'event';
// Listeners are Bolt's; the router only passes Bolt's arguments through, so it needs no more than this.
type ListenerArgs = Record<string, unknown> & { ack?: unknown; next: () => Promise<void> };
type Listener = (args: ListenerArgs) => Promise<void>;

/**
 * Routes each request to its listeners by id, in one step. Bolt, given one listener per callback id,
 * runs every request through every listener's matchers with a copy of its arguments (64 of them here);
 * the router is one global middleware that looks the id up in a map instead. A request with no
 * listener goes on to Bolt (which has none), so the receiver logs it and acknowledges it.
 *
 * It also bounds the work that runs after an answer: once a listener has acknowledged, its remaining
 * work waits for one of `slots` places (sized to the database pool) before it goes on, so a burst of
 * commands queues instead of piling up work the pool cannot serve. Nothing is dropped: waiting work
 * runs in arrival order. Events stored before their answer (`storedBeforeAnswer`) are not bounded: Slack
 * is waiting for them, and their listeners only write to the database.
 */
export class Router implements Registrar {
  private readonly listeners = new Map<string, Listener[][]>();
  private readonly slots: Slots;
  private readonly storedBeforeAnswer: ReadonlySet<string>;

  constructor(options: { afterAckSlots: number; storedBeforeAnswer?: Iterable<string> }) {
    this.slots = new Slots(options.afterAckSlots);
    this.storedBeforeAnswer = new Set(options.storedBeforeAnswer);
  }

  readonly command = ((name: string, ...chain: Listener[]) => this.add('command', name, chain)) as unknown as Registrar['command'];
  readonly action = ((actionId: string, ...chain: Listener[]) => this.add('action', actionId, chain)) as unknown as Registrar['action'];
  readonly view = ((callbackId: string, ...chain: Listener[]) => this.add('view', callbackId, chain)) as unknown as Registrar['view'];
  // A shortcut is routed by its type and callback id: `{ callback_id, type: 'message_action' }` takes one
  // type, a bare callback id both (global shortcuts and message shortcuts), as in Bolt.
  readonly shortcut = ((constraint: string | { callback_id?: unknown; type?: unknown }, ...chain: Listener[]) => {
    if (typeof constraint === 'string') {
      this.add('shortcut', `shortcut:${constraint}`, chain);
      this.add('shortcut', `message_action:${constraint}`, chain);
    } else {
      this.add('shortcut', `${String(constraint.type)}:${String(constraint.callback_id)}`, chain);
    }
  }) as unknown as Registrar['shortcut'];
  readonly event = ((type: string, ...chain: Listener[]) => this.add('event', type, chain)) as unknown as Registrar['event'];

  /** The one Bolt middleware that hands each request to its listeners. */
  middleware(): Middleware<AnyMiddlewareArgs> {
    return async (args) => {
      const route = routeOf(args.body as unknown as Record<string, unknown>);
      const chains = route && this.listeners.get(`${route.kind}:${route.id}`);
      if (!chains) return args.next();
      const waits = route.kind !== 'event' || !this.storedBeforeAnswer.has(route.id);
      for (const chain of chains) await this.run(chain, args as unknown as ListenerArgs, route.kind, waits);
    };
  }

  private add(kind: Kind, id: unknown, chain: Listener[]): void {
    if (typeof id !== 'string') throw new TypeError(`Learnloop routes ${kind} listeners by a string id, not ${String(id)}`);
    const key = `${kind}:${id}`;
    this.listeners.set(key, [...(this.listeners.get(key) ?? []), chain]);
  }

  /** Runs one listener chain (middleware before the listener, as Bolt does), bounding what follows its ack. */
  private async run(chain: Listener[], args: ListenerArgs, kind: Kind, waits: boolean): Promise<void> {
    let holding = false;
    const hold = async (): Promise<void> => {
      if (holding || !waits) return;
      holding = true;
      await this.slots.take();
    };
    // Other events were answered before they got here: all of their work runs after the answer.
    if (kind === 'event') await hold();
    const ack = args.ack as ((response?: unknown) => Promise<void>) | undefined;
    const bounded: ListenerArgs = ack
      ? {
          ...args,
          ack: async (response?: unknown) => {
            await ack(response);
            await hold();
          },
        }
      : args;
    try {
      const step = async (index: number): Promise<void> => {
        const listener = chain[index];
        if (!listener) return;
        await listener({ ...bounded, next: () => step(index + 1) });
      };
      await step(0);
    } finally {
      if (holding) this.slots.give();
    }
  }
}

/** Where a request goes: its kind and the id its listeners were registered under. */
function routeOf(body: Record<string, unknown>): { kind: Kind; id: string } | undefined {
  if (typeof body.command === 'string') return { kind: 'command', id: body.command };
  switch (body.type) {
    case 'block_actions': {
      const actionId = (body.actions as { action_id?: unknown }[] | undefined)?.[0]?.action_id;
      return typeof actionId === 'string' ? { kind: 'action', id: actionId } : undefined;
    }
    case 'view_submission': {
      const callbackId = (body.view as { callback_id?: unknown } | undefined)?.callback_id;
      return typeof callbackId === 'string' ? { kind: 'view', id: callbackId } : undefined;
    }
    case 'shortcut':
    case 'message_action':
      return typeof body.callback_id === 'string' ? { kind: 'shortcut', id: `${body.type}:${body.callback_id}` } : undefined;
    case 'event_callback': {
      const type = (body.event as { type?: unknown } | undefined)?.type;
      return typeof type === 'string' ? { kind: 'event', id: type } : undefined;
    }
    default:
      return undefined;
  }
}

/** A counting semaphore whose waiters are served first come, first served. */
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  get queued(): number {
    return this.waiting.length;
  }

  take(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}
