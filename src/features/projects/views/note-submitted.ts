import { z } from 'zod';
import type { Deps } from '../../../deps';
import { viewSubmission } from '../../../platform/slack/view-submission';
import { safeJson } from '../../../platform/slack/safe-json';
import { escapeMentions } from '../../../platform/ui/text';
import { findPerson, findProject } from '../queries';
import { ids } from '../ids';
import { projectReplies } from '../blocks';

const b = ids.project;

/** The sponsor's (or coach's) note: posted in the project channel as theirs, mentions made harmless. */
export function projectNoteSubmitted(deps: Pick<Deps, 'db' | 'logger' | 'teamId'>) {
  return viewSubmission(deps, { failure: 'could not post a note', errorBlock: b.noteBlock }, async ({ ack, view, client }, { teamId, userId }) => {
    const meta = z.object({ projectId: z.number().int() }).safeParse(safeJson(view.private_metadata));
    const project = meta.success ? await findProject(deps.db, teamId, meta.data.projectId) : undefined;
    const error = (message: string) => ack({ response_action: 'errors', errors: { [b.noteBlock]: message } });
    if (!project || project.status === 'closed') return void (await error(projectReplies.gone));
    const role = (await findPerson(deps.db, teamId, project.id, userId))?.role;
    if (role !== 'sponsor' && role !== 'coach') return void (await error(projectReplies.notYours));
    const note = (view.state.values[b.noteBlock]?.[b.noteInput]?.value ?? '').trim();
    if (note === '') return void (await error('Write the note first.'));
    await ack();
    await client.chat.postMessage({ channel: project.channelId, text: `:memo: A note from your ${role}, <@${userId}>: ${escapeMentions(note)}`, unfurl_links: false });
    await client.chat.postMessage({ channel: userId, text: projectReplies.noteSent }).catch(() => undefined);
  });
}
