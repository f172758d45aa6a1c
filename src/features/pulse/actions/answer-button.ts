import type { Deps } from '../../../deps';
import { buttonAction } from '../../../platform/slack/button-action';
import { findRun, hasAnswered } from '../queries';
import { answerModal, pulseReplies } from '../blocks';

/** "Answer the pulse" in the DM: opens the one modal, unless the pulse closed or the person answered. */
export function pulseAnswerButton(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId'>) {
  return buttonAction(deps, 'could not open the pulse', async ({ body, action, client }, click) => {
    const runId = Number(action.value);
    // The button's value is a hint: the run is looked up in this workspace, and checked again on submit.
    const run = Number.isInteger(runId) ? await findRun(deps.db, click.teamId, runId) : undefined;
    if (!run) return click.tell(pulseReplies.notFound);
    if (run.status !== 'open' || run.closesAt.getTime() <= deps.clock.now().getTime()) return click.tell(pulseReplies.closed);
    if (await hasAnswered(deps.db, click.teamId, run.id, click.userId)) return click.tell(pulseReplies.alreadyAnswered);
    await client.views.open({ trigger_id: body.trigger_id, view: answerModal(run) });
  });
}
