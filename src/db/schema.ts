import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Columns are camelCase here; the CamelCasePlugin maps them to the snake_case columns of the migrations. */
type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface WorkspaceTable {
  teamId: string;
  name: string | null;
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

export interface Database {
  workspace: WorkspaceTable;
  eventReceipt: EventReceiptTable;
}

export type WorkspaceRow = Selectable<WorkspaceTable>;
export type NewWorkspaceRow = Insertable<WorkspaceTable>;
export type WorkspaceRowUpdate = Updateable<WorkspaceTable>;
export type EventReceiptRow = Selectable<EventReceiptTable>;
export type { Generated };
