import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs, UsersSelectAction } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { buttonAction } from '../../../platform/slack/button-action';
import { postOnce } from '../../../platform/slack/post-once';
import { workspaceOf } from '../../../platform/slack/workspace-of';
import { answerSupervisor, findPerson, findProject, listPeople, setSupervisor } from '../queries';
import { ids } from '../ids';
import { projectReplies, supervisorRequestMessage } from '../blocks';

/** A member picks their supervisor in the DM: the supervisor gets one request to agree to the time. */
export function projectSupervisorPicked(deps: Pick<Deps, 'db' | 'logger' | 'teamId' | 'poster'>) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockAction<UsersSelectAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const teamId = workspaceOf(body, deps);
    const memberId = body.user.id;
    const projectId = Number(String(action.block_id).slice(ids.project.supervisorAskBlockPrefix.length));
    const supervisorId = action.selected_user;
    const tell = (text: string) => respond({ text, response_type: 'ephemeral', replace_original: false }).catch(() => undefined);
    try {
      const project = Number.isInteger(projectId) ? await findProject(deps.db, teamId, projectId) : undefined;
      if (!project || project.status === 'closed') return void (await tell(projectReplies.gone));
      if (supervisorId === memberId) return void (await tell(projectReplies.supervisorSelf));
      // The block id is a hint: only a member of this project names a supervisor for it.
      // The row is the claim: a second pick of the same supervisor (two presses at once) asks nobody again.
      const named = await setSupervisor(deps.db, teamId, project.id, memberId, supervisorId);
      if (named === 'not-member') return void (await tell(projectReplies.notMember));
      if (named === 'same') return void (await tell(projectReplies.supervisorAskedAlready(supervisorId)));
      const request = supervisorRequestMessage(project, memberId);
      const posted = await postOnce(deps.poster, { channel: supervisorId, text: request.text, blocks: request.blocks }, { eventType: 'learnloop_project_supervisor_request', payload: { project_id: project.id, member_id: memberId } }, deps.logger);
      if (posted.kind !== 'posted') deps.logger.warn({ teamId, projectId: project.id, reason: posted.reason }, 'supervisor request outcome unknown');
      await tell(projectReplies.supervisorNamed(supervisorId));
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId: memberId, projectId }, 'could not ask a supervisor');
      await tell('Something went wrong on our side; please pick your supervisor again.');
    }
  };
}

/** "I agree" / "Let's talk": only the named supervisor; the coach and sponsor hear the answer. */
export function projectSupervisorAnswered(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId' | 'poster'>, answer: 'agreed' | 'talk') {
  return buttonAction(deps, 'could not record a supervisor’s answer', async ({ action, respond }, { teamId, userId, tell }) => {
    const [projectId, memberId] = String(action.value ?? '').split(':');
    const project = projectId ? await findProject(deps.db, teamId, Number(projectId)) : undefined;
    const member = project && memberId ? await findPerson(deps.db, teamId, project.id, memberId) : undefined;
    if (!project || !member) return void (await tell(projectReplies.gone));
    if (member.supervisorId !== userId) return void (await tell(projectReplies.supervisorNotYou));
    if (!(await answerSupervisor(deps.db, teamId, project.id, member.userId, userId, answer, deps.clock.now()))) return void (await tell('You answered already; thank you.'));
    await respond({ text: projectReplies.supervisorAnswered(answer, member.userId), replace_original: true });
    const note = `<@${userId}> ${answer === 'agreed' ? 'agreed to' : 'would like to talk about'} <@${member.userId}>’s time on “${project.name}”.`;
    // The answer recorded above is the claim; each note is posted once.
    for (const person of (await listPeople(deps.db, teamId, project.id)).filter((p) => p.role !== 'member')) {
      await postOnce(deps.poster, { channel: person.userId, text: note }, { eventType: 'learnloop_project_supervisor_answer', payload: { project_id: project.id, member_id: member.userId, answer, to: person.userId } }, deps.logger).catch((error) =>
        deps.logger.warn({ err: error, teamId, projectId: project.id }, 'could not tell the coach or sponsor'),
      );
    }
  });
}
