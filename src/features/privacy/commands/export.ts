import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Deps } from '../../../deps';
import { ANONYMOUS, listExportData, type ExportData, type ExportScope } from '../queries';
import { toCsv, type CsvValue } from '../rules/csv';
import { inParallel } from '../../../platform/in-parallel';
import { privacyReplies } from '../blocks';
import type { UserDirectory } from '../../../platform/slack/user-directory';
import { ephemeral } from '../../../platform/slack/replies';
import type { SubcommandHandler } from '../../../platform/slack/subcommand';
import { actorFor } from '../../../platform/slack/permissions';
import { isDirectMessage } from '../../../platform/slack/channels';

interface CsvFile {
  kind: string;
  label: string;
  header: string[];
  rows: CsvValue[][];
  /** Left out without a word when empty (growth, for workspaces that do not use it). */
  quietWhenEmpty?: boolean;
}

// A byte order mark so spreadsheet programs read the UTF-8 (names, emoji) correctly.
const BOM = '\uFEFF';
// users.info is rate limited: a few lookups at a time.
const NAME_LOOKUPS_AT_ONCE = 4;

/** Display names by Slack user id; an id missing from the map is shown with an empty name. */
export type Names = ReadonlyMap<string, string>;

/** Every person an export names, by id: never "anonymous", which stands for a hidden author. */
function peopleIn(data: ExportData): string[] {
  const ids = [
    ...data.replies.map((r) => r.author),
    ...data.learnings.flatMap((l) => [l.author, l.creditedUserId]),
    ...data.reviews.flatMap((r) => [r.startedBy, r.facilitatorId]),
    ...data.reflections.map((r) => r.author),
    ...data.commitments.flatMap((c) => [c.owner, c.createdBy]),
    ...[...data.feedbackSent, ...data.feedbackReceived].flatMap((f) => [f.senderId, f.recipientId]),
    ...[...data.goals, ...data.confirmationsGiven].flatMap((g) => [g.userId, g.confirmedBy]),
  ];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ANONYMOUS))];
}

/** Names from the user directory, a few users.info calls at a time; someone Slack does not know stays nameless. */
export async function lookUpNames(users: Pick<UserDirectory, 'find'>, data: ExportData): Promise<Names> {
  const names = new Map<string, string>();
  await inParallel(peopleIn(data), NAME_LOOKUPS_AT_ONCE, async (id) => {
    const user = await users.find(id).catch(() => null);
    if (user && user.name !== id) names.set(id, user.name);
  });
  return names;
}

/** The CSV files of an export, one per kind, each person's id followed by their name; feedback only in a person's own export. */
export function exportFiles(data: ExportData, scope: ExportScope['kind'], names: Names = new Map()): CsvFile[] {
  // An id and the name beside it; an anonymous author has no name.
  const who = (id: string | null): [string | null, string | null] => [id, id === null ? null : id === ANONYMOUS ? '' : (names.get(id) ?? '')];
  const files: CsvFile[] = [
    {
      kind: 'replies',
      label: 'replies',
      header: ['id', 'channel_id', 'author', 'author_name', 'visibility', 'text', 'permalink', 'created_at', 'edited_at'],
      rows: data.replies.map((r) => [r.id, r.channelId, ...who(r.author), r.visibility, r.text, r.permalink, r.createdAt, r.editedAt]),
    },
    {
      kind: 'learnings',
      label: 'learnings',
      header: ['id', 'channel_id', 'author', 'author_name', 'visibility', 'source', 'text', 'tags', 'link', 'learned_from', 'learned_from_name', 'created_at', 'updated_at'],
      rows: data.learnings.map((l) => [l.id, l.channelId, ...who(l.author), l.visibility, l.source, l.text, l.tags.join(' '), l.link, ...who(l.creditedUserId), l.createdAt, l.updatedAt]),
    },
    {
      kind: 'reviews',
      label: 'reviews',
      header: ['id', 'channel_id', 'title', 'link', 'started_by', 'started_by_name', 'facilitator', 'facilitator_name', 'status', 'created_at', 'closed_at'],
      rows: data.reviews.map((r) => [r.id, r.channelId, r.title, r.link, ...who(r.startedBy), ...who(r.facilitatorId), r.status, r.createdAt, r.closedAt]),
    },
    {
      kind: 'reflections',
      label: 'reflections',
      header: ['id', 'review_id', 'review_title', 'channel_id', 'author', 'author_name', 'expected', 'actual', 'why_different', 'next_time', 'created_at', 'updated_at'],
      rows: data.reflections.map((r) => [r.id, r.reviewId, r.reviewTitle, r.channelId, ...who(r.author), r.expected, r.actual, r.whyDifference, r.nextTime, r.createdAt, r.updatedAt]),
    },
    {
      kind: 'commitments',
      label: 'commitments',
      header: ['id', 'review_id', 'owner', 'owner_name', 'text', 'due_date', 'status', 'created_by', 'created_by_name', 'created_at', 'done_at'],
      rows: data.commitments.map((c) => [c.id, c.reviewId, ...who(c.owner), c.text, c.dueDate, c.status, ...who(c.createdBy), c.createdAt, c.doneAt]),
    },
  ];
  if (scope === 'me') {
    const header = ['id', 'sender', 'sender_name', 'recipient', 'recipient_name', 'situation', 'behaviour', 'impact', 'text', 'status', 'created_at'];
    const rows = (list: ExportData['feedbackSent']) => list.map((f) => [f.id, ...who(f.senderId), ...who(f.recipientId), f.situation, f.behaviour, f.impact, f.text, f.status, f.createdAt]);
    files.push({ kind: 'feedback-sent', label: 'feedback sent', header, rows: rows(data.feedbackSent) });
    files.push({ kind: 'feedback-received', label: 'feedback received', header, rows: rows(data.feedbackReceived) });
    const goalHeader = ['id', 'person', 'person_name', 'competency', 'target_level', 'due_date', 'status', 'confirmed_by', 'confirmed_by_name', 'confirmed_at', 'created_at'];
    const goalRows = (list: ExportData['goals']) => list.map((g) => [g.id, ...who(g.userId), g.competency, g.targetLevel, g.dueDate, g.status, ...who(g.confirmedBy), g.confirmedAt, g.createdAt]);
    files.push({ kind: 'growth-goals', label: 'growth goals', header: goalHeader, rows: goalRows(data.goals), quietWhenEmpty: true });
    files.push({ kind: 'confirmations-given', label: 'confirmations you gave', header: goalHeader, rows: goalRows(data.confirmationsGiven), quietWhenEmpty: true });
    files.push({ kind: 'community-memberships', label: 'community memberships', header: ['community', 'role', 'coffee_pairing', 'joined_at'], rows: data.communityMemberships.map((m) => [m.community, m.role, m.pairing ? 'yes' : 'no', m.joinedAt]), quietWhenEmpty: true });
    files.push({ kind: 'community-questions', label: 'community questions', header: ['id', 'community', 'anonymous', 'text', 'helped_at', 'created_at'], rows: data.communityQuestions.map((q) => [q.id, q.community, q.anonymous ? 'yes' : 'no', q.text, q.helpedAt, q.createdAt]), quietWhenEmpty: true });
    files.push({ kind: 'ai-drafts', label: 'AI drafts you published', header: ['id', 'kind', 'channel', 'text', 'candidate_commitments', 'model', 'prompt_version', 'published_at'], rows: data.aiDrafts.map((d) => [d.id, d.kind, d.channelId, d.text, d.candidates.join(' | '), d.model, d.promptVersion, d.publishedAt]), quietWhenEmpty: true });
    files.push({ kind: 'pulses-answered', label: 'pulses you answered', header: ['pulse_id', 'channel_id', 'opened_at'], rows: data.pulsesAnswered.map((p) => [p.pulseId, p.channelId, p.openedAt]), quietWhenEmpty: true });
    files.push({ kind: 'community-pairings', label: 'coffee pairings', header: ['community', 'round', 'with', 'created_at'], rows: data.communityPairings.map((p) => [p.community, p.round, p.with, p.createdAt]), quietWhenEmpty: true });
  }
  // Aggregates only: a figure from fewer answers than the minimum group size is left empty.
  files.push({
    kind: 'pulse-results',
    label: 'pulse results',
    header: ['pulse_id', 'channel_id', 'opened_at', 'closed_at', 'invited', 'answered', 'statement', 'average', 'spread'],
    rows: data.pulseResults.map((r) => [r.pulseId, r.channelId, r.openedAt, r.closedAt, r.invited, r.answered, r.statement, r.average === null ? null : r.average.toFixed(2), r.spread === null ? null : r.spread.toFixed(2)]),
    quietWhenEmpty: true,
  });
  files.push({
    kind: 'competencies',
    label: 'competencies',
    header: ['id', 'name', 'description', 'tags', 'levels', 'retired_at', 'created_at'],
    rows: data.competencies.map((c) => [c.id, c.name, c.description, c.tags.join(' '), c.levels.join(' | '), c.retiredAt, c.createdAt]),
    quietWhenEmpty: true,
  });
  return files;
}

/** One zip holding a CSV file per kind that has rows (`replies.csv`, `learnings.csv`, …). */
export function exportArchive(files: readonly CsvFile[], now: Date): Buffer {
  const entries: Zippable = {};
  for (const file of files) entries[`${file.kind}.csv`] = [strToU8(BOM + toCsv(file.header, file.rows)), { mtime: now }];
  return Buffer.from(zipSync(entries, { level: 6 }));
}

/** `/learnloop export [me|channel|workspace]`: one zip of CSV files in the requester's DM. */
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

    const data = await listExportData(deps.db, teamId, scope, await deps.audiences.person(client, teamId, userId));
    const all = exportFiles(data, scope.kind, await lookUpNames(deps.users, data));
    const files = all.filter((f) => f.rows.length > 0);
    const empty = all.filter((f) => f.rows.length === 0 && !f.quietWhenEmpty).map((f) => f.label);
    if (files.length === 0) return ephemeral(privacyReplies.exportNothing(empty));
    const now = deps.clock.now();
    const day = now.toISOString().slice(0, 10);
    const suffix = scope.kind === 'channel' ? `channel-${scope.channelId}` : scope.kind;
    const dm = await client.conversations.open({ users: userId });
    const channelId = dm.channel?.id;
    if (!channelId) throw new Error('conversations.open returned no channel');
    // One file, so one message in the DM.
    await client.files.uploadV2({
      channel_id: channelId,
      initial_comment: `Your Learnloop export (${scope.kind === 'channel' ? `<#${scope.channelId}>` : scope.kind}), ${day}: a zip with one CSV file per kind.`,
      file: exportArchive(files, now),
      filename: `learnloop-${suffix}-${day}.zip`,
      title: `Learnloop export, ${day}`,
    });
    deps.logger.info({ teamId, userId, scope: scope.kind, files: files.length, rows: files.reduce((n, f) => n + f.rows.length, 0) }, 'export sent');
    return ephemeral(privacyReplies.exportOnItsWay(files.map((f) => ({ label: f.label, count: f.rows.length })), empty));
  };
}
