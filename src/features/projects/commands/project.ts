import type { SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps';
import { ephemeral, type EphemeralReply } from '../../../platform/slack/replies';
import type { SubcommandHandler } from '../../../platform/slack/subcommand';
import { actorFor } from '../../../platform/slack/permissions';
import { isDirectMessage } from '../../../platform/slack/channels';
import { isoDateOf, localParts } from '../../../platform/time/cadence';
import { escapeMentions, truncate } from '../../../platform/ui/text';
import { countProjectFigures, findProject, listModules, listPeople, listProjectsOf, listProjectsOfWave, type Project } from '../queries';
import { charterModal, listMessage, moduleModal, projectReplies, showMessage, waveMessage } from '../blocks';
import { canSee, canSteer } from '../flows/permissions';
import { pauseOrResumeProject } from '../flows/pause-or-resume';
import { closeProject } from '../flows/close-project';

type ProjectDeps = Deps & { minGroupSize(teamId: string): Promise<number> };

/** `/learnloop project new | list | show ID | pause ID | resume ID | close ID | module add | wave NAME`. */
export function projectSubcommand(deps: ProjectDeps): SubcommandHandler {
  return async ({ command, args, client }) => {
    const verb = (args[0] ?? 'list').toLowerCase();
    const id = Number(String(args[1] ?? '').replace(/^#/, ''));
    switch (verb) {
      case 'new':
        await client.views.open({ trigger_id: command.trigger_id, view: charterModal({ channelId: isDirectMessage(command) ? null : command.channel_id }) });
        return;
      case 'list': {
        const projects = await listProjectsOf(deps.db, command.team_id, command.user_id);
        if (projects.length === 0) return ephemeral(projectReplies.noProjects);
        const message = listMessage(projects);
        return ephemeral(message.text, message.blocks);
      }
      case 'module':
        return moduleForm(deps, client, command);
      case 'wave':
        return wave(deps, command, args.slice(1).join(' '));
      case 'show':
      case 'pause':
      case 'resume':
      case 'close': {
        if (!Number.isInteger(id) || id <= 0) return ephemeral(`Say which project, e.g. \`/learnloop project ${verb} 3\`. ${projectReplies.usage}`);
        const project = await findProject(deps.db, command.team_id, id);
        if (!project) return ephemeral(projectReplies.notFound(id));
        if (verb === 'show') return show(deps, command, project);
        if (!(await canSteer(deps, project, command.user_id))) return ephemeral(projectReplies.notYours);
        const outcome = verb === 'close' ? await closeProject(deps, client, project) : await pauseOrResumeProject(deps, project, verb);
        if (outcome.kind === 'not-active') return ephemeral(escapeMentions(projectReplies.notActive(project.name, outcome.status)));
        return ephemeral(escapeMentions(verb === 'close' ? projectReplies.closed(project.name) : verb === 'pause' ? projectReplies.paused(project.name) : projectReplies.resumed(project.name)));
      }
      default:
        return ephemeral(`I don't know \`project ${escapeMentions(truncate(verb, 30))}\`. ${projectReplies.usage}`);
    }
  };
}

async function show(deps: ProjectDeps, command: SlashCommand, project: Project): Promise<EphemeralReply> {
  if (!(await canSee(deps, project, command.user_id))) return ephemeral(projectReplies.notInProject);
  const today = isoDateOf(localParts(deps.clock.now(), project.timeZone));
  const [people, modules, figures, minGroupSize] = await Promise.all([
    listPeople(deps.db, project.teamId, project.id),
    listModules(deps.db, project.teamId, project.id),
    countProjectFigures(deps.db, project, project.createdAt, today),
    deps.minGroupSize(project.teamId),
  ]);
  const message = showMessage(project, people, modules, figures, minGroupSize);
  return ephemeral(message.text, message.blocks);
}

async function moduleForm(deps: ProjectDeps, client: WebClient, command: SlashCommand): Promise<EphemeralReply | void> {
  const mine = (await listProjectsOf(deps.db, command.team_id, command.user_id)).filter((p) => p.status !== 'closed' && (p.role === 'coach' || p.role === 'sponsor'));
  if (mine.length === 0) return ephemeral(projectReplies.noManagedProjects);
  await client.views.open({ trigger_id: command.trigger_id, view: moduleModal(mine) });
}

async function wave(deps: ProjectDeps, command: SlashCommand, name: string): Promise<EphemeralReply> {
  if (!(await actorFor(deps, command.user_id)).isAdmin) return ephemeral(projectReplies.adminsOnlyWave);
  if (name.trim() === '') return ephemeral('Say which wave, e.g. `/learnloop project wave Pilot 2027`.');
  const projects = await listProjectsOfWave(deps.db, command.team_id, name.trim());
  if (projects.length === 0) return ephemeral(escapeMentions(projectReplies.noWave(truncate(name.trim(), 40))));
  const minGroupSize = await deps.minGroupSize(command.team_id);
  const rows = await Promise.all(projects.map(async (project) => ({ project, figures: await countProjectFigures(deps.db, project, project.createdAt, isoDateOf(localParts(deps.clock.now(), project.timeZone))) })));
  const message = waveMessage(name.trim(), rows, minGroupSize);
  return ephemeral(message.text, message.blocks);
}
