import { and, eq, gt, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db/db.js';
import { conversations } from '../conversations/conversations.tables.js';
import { channels } from '../channels/channels.tables.js';
import { teams } from '../teams/teams.tables.js';
import { messages } from '../messages/messages.tables.js';
import type { ConversationRow } from '../conversations/conversations.repo.js';
import type { ChannelRow } from '../channels/channels.repo.js';
import type { BusinessHours } from './business-hours.types.js';

export interface AwayMessageScope {
  conversation: ConversationRow;
  channel: ChannelRow;
  /** The hours of the conversation's team; null without a team or hours (always open). */
  teamHours: BusinessHours | null;
}

/**
 * The conversation with its channel and its team's hours. Locked (`forUpdate`), away messages to it are serialised;
 * unlocked, it is the cheap first look that spares a transaction when nothing is due.
 */
export async function findAwayMessageScope(db: Db, workspaceId: number, conversationId: number, opts: { forUpdate?: boolean } = {}): Promise<AwayMessageScope | undefined> {
  const query = db
    .select({ conversation: conversations, channel: channels, teamHours: teams.businessHours })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, workspaceId)));
  const [row] = opts.forUpdate ? await query.for('update', { of: conversations }) : await query;
  return row && { conversation: row.conversation, channel: row.channel, teamHours: row.teamHours ?? null };
}

/** Has this customer message already been answered with an away message? (Replays of its event find it.) */
export async function awayReplyExists(tx: Db, conversationId: number, inboundMessageId: number): Promise<boolean> {
  const rows = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), gt(messages.id, inboundMessageId), sql`${messages.meta}->>'awayFor' = ${String(inboundMessageId)}`))
    .limit(1);
  return rows.length > 0;
}

/** Which of these workspaces keep business hours on some team or channel (the others never send away messages). */
export async function workspacesWithHours(db: Db, workspaceIds: number[]): Promise<Set<number>> {
  if (workspaceIds.length === 0) return new Set();
  const ids = sql`${`{${workspaceIds.join(',')}}`}::bigint[]`;
  const rows = await queryRows<{ workspace_id: number }>(db, sql`
    SELECT workspace_id FROM teams WHERE workspace_id = ANY(${ids}) AND business_hours IS NOT NULL
    UNION
    SELECT workspace_id FROM channels WHERE workspace_id = ANY(${ids}) AND business_hours IS NOT NULL`);
  return new Set(rows.map((r) => Number(r.workspace_id)));
}
