import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db/db.js';

export interface TranscriptHeader {
  conversation_id: number;
  created_at: Date | string;
  contact_name: string;
  contact_language: string | null;
  channel_name: string;
  workspace_name: string;
  workspace_timezone: string;
  workspace_language: string;
}

export interface TranscriptLine {
  id: number;
  sender_type: 'contact' | 'user' | 'bot' | 'api' | 'system';
  sender_name: string | null;
  body: string;
  created_at: Date | string;
  files: string[] | null;
}

/** What the transcript's heading names: the conversation, its contact and channel, the workspace and its time zone. */
export async function transcriptHeader(db: Db, workspaceId: number, conversationId: number): Promise<TranscriptHeader | undefined> {
  const rows = await queryRows<TranscriptHeader>(db, sql`
    SELECT c.id AS conversation_id, c.created_at, ct.name AS contact_name, ct.language AS contact_language, ch.name AS channel_name,
      w.name AS workspace_name, w.timezone AS workspace_timezone, w.language AS workspace_language
    FROM conversations c
    JOIN contacts ct ON ct.id = c.contact_id
    JOIN channels ch ON ch.id = c.channel_id
    JOIN workspaces w ON w.id = c.workspace_id
    WHERE c.workspace_id = ${workspaceId} AND c.id = ${conversationId}`);
  return rows[0];
}

/**
 * What the customer and the team said to each other, in order, with who said it and the files' names:
 * no notes, no activity, nothing deleted, no reply that failed to reach the customer. One query.
 */
export async function transcriptLines(db: Db, workspaceId: number, conversationId: number, limit: number): Promise<TranscriptLine[]> {
  return queryRows<TranscriptLine>(db, sql`
    SELECT m.id, m.sender_type, m.body, m.created_at,
      CASE m.sender_type WHEN 'user' THEN u.name WHEN 'contact' THEN nullif(ct.name, '') END AS sender_name,
      (SELECT array_agg(a.filename ORDER BY a.id) FROM attachments a WHERE a.message_id = m.id) AS files
    FROM messages m
    LEFT JOIN users u ON m.sender_type = 'user' AND u.id = m.sender_id
    LEFT JOIN contacts ct ON m.sender_type = 'contact' AND ct.id = m.sender_id
    WHERE m.workspace_id = ${workspaceId} AND m.conversation_id = ${conversationId} AND m.kind = 'message'
      AND m.deleted_at IS NULL AND m.delivery_status IS DISTINCT FROM 'failed'
    ORDER BY m.id
    LIMIT ${limit}`);
}
