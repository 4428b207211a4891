import { sql, type SQL } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db/db.js';
import type { StoredNotificationPreferences } from '../workspaces/workspaces.tables.js';
import { notifications } from './notifications.tables.js';
import type { Intent } from './notification-intents.js';

export type NewNotification = typeof notifications.$inferInsert;

/** A notification with its actor's current name, as the bell shows it. */
export interface NotificationView {
  id: number;
  workspace_id: number;
  user_id: number;
  type: Intent['type'];
  conversation_id: number;
  message_id: number | null;
  actor_type: string;
  actor_id: number | null;
  actor_name: string | null;
  preview: string;
  created_at: Date | string;
  read_at: Date | string | null;
}

/** Active members among these (workspace, user) pairs, with their notification choices: one query. */
export async function activeRecipients(db: Db, pairs: Array<{ workspaceId: number; userId: number }>) {
  if (pairs.length === 0) return [];
  const values = sql.join(pairs.map((p) => sql`(${p.workspaceId}::bigint, ${p.userId}::bigint)`), sql`, `);
  return queryRows<{ workspace_id: number; user_id: number; notification_preferences: StoredNotificationPreferences }>(db, sql`
    SELECT m.workspace_id, m.user_id, u.notification_preferences
    FROM (VALUES ${values}) AS p(workspace_id, user_id)
    JOIN memberships m ON m.workspace_id = p.workspace_id AND m.user_id = p.user_id AND m.active
    JOIN users u ON u.id = m.user_id`);
}

/** Inserts what is new; a notification already made from the same event for the same user is skipped. Returns the new ids. */
export async function insertNotifications(tx: Db, rows: NewNotification[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await tx.insert(notifications).values(rows).onConflictDoNothing({ target: [notifications.userId, notifications.sourceEventId, notifications.type] }).returning({ id: notifications.id });
  return inserted.map((r) => r.id);
}

const viewColumns = sql`n.id, n.workspace_id, n.user_id, n.type, n.conversation_id, n.message_id, n.actor_type, n.actor_id,
  CASE n.actor_type WHEN 'user' THEN ua.name WHEN 'contact' THEN nullif(ca.name, '') END AS actor_name,
  n.preview, n.created_at, n.read_at`;
const viewJoins = sql`LEFT JOIN users ua ON n.actor_type = 'user' AND ua.id = n.actor_id
  LEFT JOIN contacts ca ON n.actor_type = 'contact' AND ca.id = n.actor_id AND ca.workspace_id = n.workspace_id`;

export async function notificationsByIds(db: Db, ids: number[]): Promise<NotificationView[]> {
  if (ids.length === 0) return [];
  return queryRows<NotificationView>(db, sql`
    SELECT ${viewColumns} FROM notifications n ${viewJoins}
    WHERE n.id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) ORDER BY n.id`);
}

/** The user's notifications in the workspace, newest first, keyset-paged by id: one query per page. */
export async function listNotifications(db: Db, workspaceId: number, userId: number, opts: { unreadOnly: boolean; beforeId?: number; limit: number }) {
  const conds: SQL[] = [sql`n.workspace_id = ${workspaceId}`, sql`n.user_id = ${userId}`];
  if (opts.unreadOnly) conds.push(sql`n.read_at IS NULL`);
  if (opts.beforeId !== undefined) conds.push(sql`n.id < ${opts.beforeId}`);
  return queryRows<NotificationView>(db, sql`
    SELECT ${viewColumns} FROM notifications n ${viewJoins}
    WHERE ${sql.join(conds, sql` AND `)}
    ORDER BY n.id DESC LIMIT ${opts.limit}`);
}

export async function countUnread(db: Db, workspaceId: number, userId: number): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(db, sql`
    SELECT count(*) AS n FROM notifications WHERE workspace_id = ${workspaceId} AND user_id = ${userId} AND read_at IS NULL`);
  return Number(row?.n ?? 0);
}

/** Marks unread notifications read: these ids, those of one conversation, or all. Returns the ids that changed. */
export async function markRead(tx: Db, workspaceId: number, userId: number, which: { ids?: number[]; conversationId?: number; all?: boolean }, at: Date): Promise<number[]> {
  const conds: SQL[] = [sql`workspace_id = ${workspaceId}`, sql`user_id = ${userId}`, sql`read_at IS NULL`];
  if (which.ids) {
    if (which.ids.length === 0) return [];
    conds.push(sql`id IN (${sql.join(which.ids.map((id) => sql`${id}`), sql`, `)})`);
  } else if (which.conversationId !== undefined) conds.push(sql`conversation_id = ${which.conversationId}`);
  else if (!which.all) return [];
  const rows = await queryRows<{ id: number }>(tx, sql`
    UPDATE notifications SET read_at = ${at.toISOString()}::timestamptz WHERE ${sql.join(conds, sql` AND `)} RETURNING id`);
  return rows.map((r) => r.id).sort((a, b) => a - b);
}
