import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';
import { claimEventReceipt, deleteEventReceipt } from '../db/event-receipts';

/**
 * Slack delivers an event again when it did not get a 200 in time (x-slack-retry-num).
 * Each event_id is processed once: the receipt is claimed first, and released if processing
 * fails so that the next retry gets its turn. `message` events skip the receipt: storing a reply,
 * an edit or a deletion is idempotent by (team, channel, ts), and they are the bulk of all events,
 * so the extra round trip before the 200 is not worth it.
 */
export function dedupeEvents(deps: Pick<Deps, 'db' | 'logger'>): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const envelope = body as { type?: string; team_id?: string; event_id?: string; event?: { type?: string } };
    if (envelope.type !== 'event_callback' || !envelope.team_id || !envelope.event_id) return next();
    if (envelope.event?.type === 'message') return next();
    const { team_id: teamId, event_id: eventId } = envelope;
    const claimed = await claimEventReceipt(deps.db, teamId, eventId, envelope.event?.type ?? 'unknown');
    if (!claimed) {
      deps.logger.info({ teamId, eventId }, 'duplicate event delivery ignored');
      return;
    }
    try {
      await next();
    } catch (error) {
      await deleteEventReceipt(deps.db, teamId, eventId).catch((releaseError) =>
        deps.logger.error({ err: releaseError, teamId, eventId }, 'could not release event receipt'),
      );
      throw error;
    }
  };
}
