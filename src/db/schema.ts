import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Cadence } from '../domain/cadence';

export type QuestionSet = 'default' | 'custom' | 'mixed';

/** Columns are camelCase here; the CamelCasePlugin maps them to the snake_case columns of the migrations. */
type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface WorkspaceTable {
  teamId: string;
  name: string | null;
  /** The workspace's web address, e.g. https://acme.slack.com/ (permalinks are built from it). */
  url: string | null;
  botUserId: string | null;
  uninstalledAt: Date | null;
  createdAt: CreatedAt;
}

export interface EventReceiptTable {
  teamId: string;
  eventId: string;
  eventType: string;
  createdAt: CreatedAt;
}

export interface PromptScheduleTable {
  id: Generated<number>;
  teamId: string;
  channelId: string;
  createdBy: string;
  cadence: ColumnType<Cadence, string, string>;
  timeZone: string;
  questionSet: ColumnType<QuestionSet, QuestionSet | undefined, QuestionSet>;
  status: ColumnType<'active' | 'paused', 'active' | 'paused' | undefined, 'active' | 'paused'>;
  pausedReason: string | null;
  nextRunAt: Date;
  nudgeAfterMinutes: number | null;
  lastResult: 'posted' | 'failed' | 'skipped' | null;
  lastResultReason: string | null;
  lastRunAt: Date | null;
  createdAt: CreatedAt;
}

export type PromptStatus = 'claimed' | 'posted' | 'failed' | 'skipped';

export interface PromptTable {
  id: Generated<number>;
  teamId: string;
  scheduleId: number | null;
  channelId: string;
  scheduledFor: Date;
  status: PromptStatus;
  statusReason: string | null;
  questionId: string | null;
  questionText: string | null;
  claimedAt: ColumnType<Date, Date | undefined, Date>;
  attempts: ColumnType<number, number | undefined, number>;
  messageTs: string | null;
  postedAt: Date | null;
  requestedBy: string | null;
  nudgeAfterMinutes: number | null;
  nudgesQueuedAt: Date | null;
  createdAt: CreatedAt;
}

export type ThreadKind = 'prompt' | 'review' | 'session';

export interface TrackedThreadTable {
  id: Generated<number>;
  teamId: string;
  channelId: string;
  threadTs: string;
  kind: ThreadKind;
  subjectId: number;
  createdAt: CreatedAt;
}

export type Visibility = 'public' | 'private';

export interface ThreadReplyTable {
  id: Generated<number>;
  teamId: string;
  threadId: number;
  channelId: string;
  userId: string;
  text: string;
  ts: string | null;
  permalink: string | null;
  visibility: ColumnType<Visibility, Visibility | undefined, Visibility>;
  editedAt: Date | null;
  createdAt: CreatedAt;
}

export interface ChannelQuestionTable {
  id: Generated<number>;
  teamId: string;
  channelId: string;
  text: string;
  createdBy: string;
  createdAt: CreatedAt;
}

export interface PromptSkipTable {
  id: Generated<number>;
  teamId: string;
  channelId: string;
  /** ISO local dates, inclusive, in the schedule's time zone. */
  fromDate: string;
  toDate: string;
  createdBy: string;
  createdAt: CreatedAt;
}

export interface PersonTable {
  teamId: string;
  userId: string;
  timeZone: string | null;
  mutedUntil: Date | null;
  createdAt: CreatedAt;
}

export type ScheduledDmStatus = 'pending' | 'sending' | 'sent' | 'dropped' | 'failed';

export interface ScheduledDmTable {
  id: Generated<number>;
  teamId: string;
  userId: string;
  kind: string;
  dedupeKey: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  dueAt: Date;
  onlyUsefulOnDay: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<ScheduledDmStatus, ScheduledDmStatus | undefined, ScheduledDmStatus>;
  statusReason: string | null;
  claimedUntil: Date | null;
  attempts: ColumnType<number, number | undefined, number>;
  sentAt: Date | null;
  createdAt: CreatedAt;
}

export interface Database {
  workspace: WorkspaceTable;
  eventReceipt: EventReceiptTable;
  promptSchedule: PromptScheduleTable;
  prompt: PromptTable;
  trackedThread: TrackedThreadTable;
  threadReply: ThreadReplyTable;
  channelQuestion: ChannelQuestionTable;
  promptSkip: PromptSkipTable;
  person: PersonTable;
  scheduledDm: ScheduledDmTable;
}

export type WorkspaceRow = Selectable<WorkspaceTable>;
export type NewWorkspaceRow = Insertable<WorkspaceTable>;
export type WorkspaceRowUpdate = Updateable<WorkspaceTable>;
export type EventReceiptRow = Selectable<EventReceiptTable>;
export type PromptScheduleRow = Selectable<PromptScheduleTable>;
export type PromptRow = Selectable<PromptTable>;
export type ThreadReplyRow = Selectable<ThreadReplyTable>;
export type ScheduledDmRow = Selectable<ScheduledDmTable>;
