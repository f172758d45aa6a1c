import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';
import { ids } from '../ids';
import { promptRecordLearning } from './prompt-record-learning';
import { promptReplyPrivately } from './prompt-reply-privately';

export function registerActions(app: App, deps: Deps): void {
  app.action(ids.prompt.replyPrivately, promptReplyPrivately(deps));
  app.action(ids.prompt.recordLearning, promptRecordLearning());
}
