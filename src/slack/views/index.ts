import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';
import { ids } from '../ids';
import { promptPrivateReplySubmitted } from './prompt-private-reply';

export function registerViews(app: App, deps: Deps): void {
  app.view(ids.prompt.privateReplyView, promptPrivateReplySubmitted(deps));
}
