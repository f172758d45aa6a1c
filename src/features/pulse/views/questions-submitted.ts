import type { Deps } from '../../../deps';
import { viewSubmission } from '../../../platform/slack/view-submission';
import { actorFor } from '../../../platform/slack/permissions';
import { upsertStatements } from '../queries';
import { parseStatements } from '../rules';
import { ids } from '../ids';
import { pulseReplies } from '../blocks';

const b = ids.pulse;

/** The statements form: admins only (checked here, not only when the form opened); 5–7 lines of 10–150 characters. */
export function pulseQuestionsSubmitted(deps: Pick<Deps, 'db' | 'logger' | 'teamId' | 'config' | 'users'>) {
  return viewSubmission(deps, { failure: 'could not save the pulse statements', errorBlock: b.questionsBlock }, async ({ ack, view, client }, { teamId, userId }) => {
    if (!(await actorFor(deps, userId)).isAdmin) return void (await ack({ response_action: 'errors', errors: { [b.questionsBlock]: pulseReplies.adminsOnly } }));
    const statements = parseStatements(view.state.values[b.questionsBlock]?.[b.questionsInput]?.value ?? '');
    if ('error' in statements) return void (await ack({ response_action: 'errors', errors: { [b.questionsBlock]: statements.error } }));
    await upsertStatements(deps.db, teamId, statements, userId);
    await ack();
    deps.logger.info({ teamId, userId, statements: statements.length }, 'pulse statements saved');
    await client.chat.postMessage({ channel: userId, text: pulseReplies.questionsSaved }).catch(() => undefined);
  });
}
