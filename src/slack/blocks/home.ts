import type { HomeView } from '@slack/types';
import { helpBlocks } from './help';
import { ids } from '../ids';

/** The App Home tab. */
export function homeView(userId: string): HomeView {
  return {
    type: 'home',
    callback_id: ids.home.view,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `Hi <@${userId}>! Learnloop helps your team learn inside the work: reflect together, record what you learn, and follow up on it.` } },
      { type: 'divider' },
      ...helpBlocks().filter((block) => block.type !== 'context'),
    ],
  };
}
