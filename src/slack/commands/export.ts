import type { Deps } from '../../deps';
import { listExportData, type ExportData, type ExportScope } from '../../db/queries/personal-data';
import { toCsv, type CsvValue } from '../../domain/csv';
import { exportCountsText, privacyReplies } from '../blocks/privacy';
import { ephemeral } from '../replies';
import type { SubcommandHandler } from './learnloop';
import { actorFor, isDirectMessage } from './prompts';

interface CsvFile {
  kind: string;
  label: string;
  header: string[];
  rows: CsvValue[][];
}

// A byte order mark so spreadsheet programs read the UTF-8 (names, emoji) correctly.
const BOM = '\uFEFF';

/** The CSV files of an export, one per kind; feedback only in a person's own export. */
export function exportFiles(data: ExportData, scope: ExportScope['kind']): CsvFile[] {
  const files: CsvFile[] = [
    {
      kind: 'replies',
      label: 'replies',
      header: ['id', 'channel_id', 'author', 'visibility', 'text', 'permalink', 'created_at', 'edited_at'],
      rows: data.replies.map((r) => [r.id, r.channelId, r.author, r.visibility, r.text, r.permalink, r.createdAt, r.editedAt]),
    },
    {
      kind: 'learnings',
      label: 'learnings',
      header: ['id', 'channel_id', 'author', 'visibility', 'source', 'text', 'tags', 'link', 'learned_from', 'created_at', 'updated_at'],
      rows: data.learnings.map((l) => [l.id, l.channelId, l.author, l.visibility, l.source, l.text, l.tags.join(' '), l.link, l.creditedUserId, l.createdAt, l.updatedAt]),
    },
    {
      kind: 'reviews',
      label: 'reviews',
      header: ['id', 'channel_id', 'title', 'link', 'started_by', 'facilitator', 'status', 'created_at', 'closed_at'],
      rows: data.reviews.map((r) => [r.id, r.channelId, r.title, r.link, r.startedBy, r.facilitatorId, r.status, r.createdAt, r.closedAt]),
    },
    {
      kind: 'reflections',
      label: 'reflections',
      header: ['id', 'review_id', 'review_title', 'channel_id', 'author', 'expected', 'actual', 'why_different', 'next_time', 'created_at', 'updated_at'],
      rows: data.reflections.map((r) => [r.id, r.reviewId, r.reviewTitle, r.channelId, r.author, r.expected, r.actual, r.whyDifference, r.nextTime, r.createdAt, r.updatedAt]),
    },
    {
      kind: 'commitments',
      label: 'commitments',
      header: ['id', 'review_id', 'owner', 'text', 'due_date', 'status', 'created_by', 'created_at', 'done_at'],
      rows: data.commitments.map((c) => [c.id, c.reviewId, c.owner, c.text, c.dueDate, c.status, c.createdBy, c.createdAt, c.doneAt]),
    },
  ];
  if (scope === 'me') {
    const header = ['id', 'sender', 'recipient', 'situation', 'behaviour', 'impact', 'text', 'status', 'created_at'];
    const rows = (list: ExportData['feedbackSent']) => list.map((f) => [f.id, f.senderId, f.recipientId, f.situation, f.behaviour, f.impact, f.text, f.status, f.createdAt]);
    files.push({ kind: 'feedback-sent', label: 'feedback sent', header, rows: rows(data.feedbackSent) });
    files.push({ kind: 'feedback-received', label: 'feedback received', header, rows: rows(data.feedbackReceived) });
  }
  return files;
}

/** `/learnloop export [me|channel|workspace]`: CSV files in the requester's DM. */
export function exportSubcommand(deps: Pick<Deps, 'db' | 'logger' | 'config' | 'users' | 'clock' | 'audiences'>): SubcommandHandler {
  return async ({ command, args, client }) => {
    const teamId = command.team_id;
    const userId = command.user_id;
    const word = (args[0] ?? 'me').toLowerCase();
    let scope: ExportScope;
    if (word === 'me') scope = { kind: 'me', userId };
    else if (word === 'channel') {
      if (isDirectMessage(command)) return ephemeral(privacyReplies.exportNeedsChannel);
      scope = { kind: 'channel', channelId: command.channel_id };
    } else if (word === 'workspace') {
      if (!(await actorFor(deps, userId)).isAdmin) return ephemeral(privacyReplies.exportWorkspaceAdminsOnly);
      scope = { kind: 'workspace' };
    } else return ephemeral(privacyReplies.exportUsage);

    const files = exportFiles(await listExportData(deps.db, teamId, scope, await deps.audiences.person(client, teamId, userId)), scope.kind);
    const day = deps.clock.now().toISOString().slice(0, 10);
    const suffix = scope.kind === 'channel' ? `channel-${scope.channelId}` : scope.kind;
    const dm = await client.conversations.open({ users: userId });
    const channelId = dm.channel?.id;
    if (!channelId) throw new Error('conversations.open returned no channel');
    await client.files.uploadV2({
      channel_id: channelId,
      initial_comment: `Your Learnloop export (${scope.kind === 'channel' ? `<#${scope.channelId}>` : scope.kind}), ${day}.`,
      file_uploads: files.map((f) => ({ file: Buffer.from(BOM + toCsv(f.header, f.rows), 'utf8'), filename: `learnloop-${suffix}-${f.kind}-${day}.csv` })),
    });
    deps.logger.info({ teamId, userId, scope: scope.kind, files: files.length, rows: files.reduce((n, f) => n + f.rows.length, 0) }, 'export sent');
    return ephemeral(privacyReplies.exportOnItsWay(exportCountsText(files.map((f) => ({ label: f.label, count: f.rows.length })))));
  };
}
