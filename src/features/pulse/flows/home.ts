import type { KnownBlock } from '@slack/types';
import type { Db } from '../../../platform/db/connect';
import { pulseHomeSection } from '../blocks';
import { listPulsesAwaiting } from '../queries';

/** Open pulses still waiting for the person's answer: a second way in besides the DM, and only for them. */
export async function pulseHomeBlocks(db: Db, teamId: string, userId: string, now: Date): Promise<KnownBlock[]> {
  return pulseHomeSection(await listPulsesAwaiting(db, teamId, userId, now));
}
