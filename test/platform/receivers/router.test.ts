import { Router, Slots } from '../../../src/platform/receivers/router';

type Args = Record<string, unknown>;

/** Runs the router's middleware on one request body, as Bolt would, and says whether it went on to Bolt. */
async function route(router: Router, body: Args, ack: () => Promise<void> = async () => undefined): Promise<{ passedOn: boolean }> {
  let passedOn = false;
  await router.middleware()({ body, ack, next: async () => void (passedOn = true) } as never);
  return { passedOn };
}

const command = (name: string) => ({ command: name, team_id: 'T1', user_id: 'U1', channel_id: 'C1' });
const action = (id: string) => ({ type: 'block_actions', actions: [{ action_id: id }] });

describe('the router', () => {
  it('hands each request to the listeners registered under its id, and only those', async () => {
    const router = new Router({ afterAckSlots: 4 });
    const calls: string[] = [];
    router.command('/learned', (async () => void calls.push('learned')) as never);
    router.action('a1', (async () => void calls.push('a1')) as never);
    router.action('a2', (async () => void calls.push('a2')) as never);
    router.view('v1', (async () => void calls.push('v1')) as never);
    router.event('member_joined_channel', (async () => void calls.push('joined 1')) as never);
    router.event('member_joined_channel', (async () => void calls.push('joined 2')) as never);
    router.shortcut({ callback_id: 's1', type: 'message_action' }, (async () => void calls.push('s1')) as never);

    await route(router, command('/learned'));
    await route(router, action('a2'));
    await route(router, { type: 'view_submission', view: { callback_id: 'v1' } });
    await route(router, { type: 'event_callback', event: { type: 'member_joined_channel' } });
    await route(router, { type: 'message_action', callback_id: 's1' });
    expect(calls).toEqual(['learned', 'a2', 'v1', 'joined 1', 'joined 2', 's1']);
  });

  it('passes a request nobody registered for on to Bolt, which acknowledges and logs it', async () => {
    const router = new Router({ afterAckSlots: 4 });
    router.action('known', (async () => undefined) as never);
    expect(await route(router, action('unknown'))).toEqual({ passedOn: true });
    expect(await route(router, { type: 'shortcut', callback_id: 'known' })).toEqual({ passedOn: true });
    expect(await route(router, { type: 'view_closed', view: { callback_id: 'x' } })).toEqual({ passedOn: true });
    expect(await route(router, action('known'))).toEqual({ passedOn: false });
  });

  it('runs listener middleware before the listener, as Bolt does', async () => {
    const router = new Router({ afterAckSlots: 1 });
    const calls: string[] = [];
    router.action(
      'a',
      (async ({ next }: { next: () => Promise<void> }) => {
        calls.push('middleware');
        await next();
      }) as never,
      (async () => void calls.push('listener')) as never,
    );
    await route(router, action('a'));
    expect(calls).toEqual(['middleware', 'listener']);
  });

  it('lets at most N listeners work after their ack at once, runs every waiting one in order, and frees a slot on a throw', async () => {
    const router = new Router({ afterAckSlots: 2 });
    let running = 0;
    let most = 0;
    const finished: number[] = [];
    const acked: number[] = [];
    router.command('/work', (async ({ ack, command: body }: { ack: () => Promise<void>; command: { text: string } }) => {
      const n = Number(body.text);
      await ack();
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      finished.push(n);
      if (n === 0) throw new Error('boom');
    }) as never);

    const requests = Array.from({ length: 8 }, (_, n) =>
      router.middleware()({ body: command('/work'), command: { text: String(n) }, ack: async () => void acked.push(n), next: async () => undefined } as never).catch(() => undefined),
    );
    await Promise.all(requests);
    // Every request was answered at once; the work after the answers queued.
    expect(acked).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(2);
    expect([...finished].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(finished.slice(2)).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('never makes an event stored before its answer wait for a place, while other events queue', async () => {
    const router = new Router({ afterAckSlots: 1, storedBeforeAnswer: ['reaction_removed'] });
    const calls: string[] = [];
    let release: () => void = () => undefined;
    router.command('/slow', (async ({ ack }: { ack: () => Promise<void> }) => {
      await ack();
      await new Promise<void>((resolve) => (release = resolve));
    }) as never);
    router.event('reaction_removed', (async () => void calls.push('reaction_removed')) as never);
    router.event('reaction_added', (async () => void calls.push('reaction_added')) as never);
    const event = (type: string) => ({ type: 'event_callback', event: { type } });

    const slow = route(router, command('/slow'));
    await new Promise((resolve) => setImmediate(resolve));
    const added = route(router, event('reaction_added'));
    await route(router, event('reaction_removed'));
    expect(calls).toEqual(['reaction_removed']);
    release();
    await Promise.all([slow, added]);
    expect(calls).toEqual(['reaction_removed', 'reaction_added']);
  });
});

describe('slots', () => {
  it('serve waiters first come, first served', async () => {
    const slots = new Slots(1);
    await slots.take();
    const order: number[] = [];
    const waiting = [1, 2, 3].map((n) => slots.take().then(() => order.push(n)));
    expect(slots.queued).toBe(3);
    for (let i = 0; i < 3; i++) {
      slots.give();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(waiting);
    expect(order).toEqual([1, 2, 3]);
  });
});
