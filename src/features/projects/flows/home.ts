import type { KnownBlock } from '@slack/types';
import type { Db } from '../../../platform/db/connect';
import { section } from '../../../platform/ui/blocks';
import { escapeMentions } from '../../../platform/ui/text';
import { ids } from '../ids';
import { listProjectsOf } from '../queries';

/** The App Home's project section, for its members, coach and sponsor: each live project, their role, its channel. */
export async function projectHomeBlocks(db: Db, teamId: string, userId: string): Promise<KnownBlock[]> {
  const projects = (await listProjectsOf(db, teamId, userId)).filter((p) => p.status !== 'closed').slice(0, 5);
  if (projects.length === 0) return [];
  const lines = projects.map((p) => `*${escapeMentions(p.name)}* — ${p.role}${p.status === 'paused' ? ' · paused' : ''} · <#${p.channelId}> · until ${p.endsOn}`);
  return [section(`*My action-learning projects*\n${lines.join('\n')}`, ids.project.homeBlock)];
}
