import type { Deps } from '../../../deps';
import { ephemeral, type EphemeralReply } from '../../../platform/slack/replies';
import type { SubcommandHandler } from '../../../platform/slack/subcommand';
import { actorFor } from '../../../platform/slack/permissions';
import { escapeMentions } from '../../../platform/ui/text';
import { findCompetency, insertCompetency, insertStarterMap, listCompetencies, retireCompetency, updateCompetency } from '../queries';
import { parseCompetencyCommand, type CompetencyCommand } from '../rules';
import { competencyListMessage, competencyModal, growthReplies } from '../blocks';

type CompetencyDeps = Pick<Deps, 'db' | 'logger' | 'clock' | 'config' | 'users'>;

/**
 * `/learnloop competencies [list]` for everyone; `add | rename | describe | tags | levels | retire | starter`
 * for admins (checked here, on the server, whatever the request says).
 */
export function competenciesSubcommand(deps: CompetencyDeps): SubcommandHandler {
  return async ({ command, rest, client }) => {
    const teamId = command.team_id;
    const parsed = parseCompetencyCommand(rest);
    if (parsed.kind === 'invalid') return ephemeral(escapeMentions(parsed.problem));
    const actor = await actorFor(deps, command.user_id);
    if (parsed.kind === 'list') {
      const message = competencyListMessage(await listCompetencies(deps.db, teamId), actor.isAdmin);
      return ephemeral(message.text, message.blocks);
    }
    if (!actor.isAdmin) return ephemeral(growthReplies.adminsOnly);
    if (parsed.kind === 'form') {
      await client.views.open({ trigger_id: command.trigger_id, view: competencyModal() });
      return;
    }
    const reply = await change(deps, teamId, command.user_id, parsed);
    deps.logger.info({ teamId, userId: command.user_id, change: parsed.kind }, 'competency map changed');
    return reply;
  };
}

async function change(deps: CompetencyDeps, teamId: string, userId: string, parsed: Exclude<CompetencyCommand, { kind: 'list' | 'form' | 'invalid' }>): Promise<EphemeralReply> {
  if (parsed.kind === 'starter') return ephemeral(growthReplies.starter(await insertStarterMap(deps.db, teamId, userId)));
  if (parsed.kind === 'add') {
    const added = await insertCompetency(deps.db, { teamId, name: parsed.name, description: parsed.description, tags: parsed.tags, createdBy: userId });
    return ephemeral(escapeMentions(added ? growthReplies.added(added.name, added.tags) : growthReplies.exists(parsed.name)));
  }
  const competency = await findCompetency(deps.db, teamId, parsed.name);
  if (!competency) {
    const names = (await listCompetencies(deps.db, teamId)).map((c) => c.name);
    return ephemeral(escapeMentions(growthReplies.unknownCompetency(parsed.name, names)));
  }
  switch (parsed.kind) {
    case 'rename':
      return ephemeral(escapeMentions((await updateCompetency(deps.db, teamId, competency.id, { name: parsed.newName })) ? growthReplies.changed(parsed.newName) : growthReplies.exists(parsed.newName)));
    case 'describe':
      await updateCompetency(deps.db, teamId, competency.id, { description: parsed.description });
      return ephemeral(escapeMentions(growthReplies.changed(competency.name)));
    case 'tags':
      await updateCompetency(deps.db, teamId, competency.id, { tags: parsed.tags });
      return ephemeral(escapeMentions(growthReplies.changed(competency.name)));
    case 'levels':
      await updateCompetency(deps.db, teamId, competency.id, { levels: parsed.levels });
      return ephemeral(escapeMentions(growthReplies.changed(competency.name)));
    case 'retire':
      await retireCompetency(deps.db, teamId, competency.id, deps.clock.now());
      return ephemeral(escapeMentions(growthReplies.retired(competency.name)));
  }
}
