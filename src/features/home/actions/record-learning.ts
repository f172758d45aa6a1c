import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { learningModal } from '../../learnings';
import { withCompetencyPicker } from '../../growth';
import { workspaceOf } from '../../../platform/slack/workspace-of';

/** "Record a learning" on the App Home: the `/learned` form (its confirmation arrives as a DM). */
export function homeRecordLearning(deps: Pick<Deps, 'logger' | 'db' | 'teamId'>) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: await withCompetencyPicker(deps.db, workspaceOf(body, deps), learningModal({ metadata: { mode: 'create' } })) });
    } catch (error) {
      deps.logger.error({ err: error, userId: body.user.id }, 'could not open the learning form from the Home');
    }
  };
}
