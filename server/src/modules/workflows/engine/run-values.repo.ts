import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/db.js';
import { workspaces, users } from '../../workspaces/workspaces.tables.js';
import { contacts } from '../../contacts/contacts.tables.js';
import { conversations } from '../../conversations/conversations.tables.js';
import { channels } from '../../channels/channels.tables.js';
import { teams } from '../../teams/teams.tables.js';
import type { BusinessHours } from '../../routing/business-hours.types.js';

/**
 * Everything a run's texts and conditions read, in one query: the workspace, the run's conversation with its
 * channel, team and assignee, and the contact (the run's, or else the conversation's).
 */
export async function findRunScope(db: Db, run: { workspaceId: number; contactId: number | null; conversationId: number | null }) {
  const conversationMatch = run.conversationId === null ? sql`false` : eq(conversations.id, run.conversationId);
  const contactId = run.contactId === null ? conversations.contactId : sql`${run.contactId}::bigint`;
  const [row] = await db
    .select({
      workspace: { name: workspaces.name, timezone: workspaces.timezone },
      contact: {
        id: contacts.id, name: contacts.name, email: contacts.email, phone: contacts.phone, documentNumber: contacts.documentNumber,
        language: contacts.language, lifecycleStage: contacts.lifecycleStage, customFields: contacts.customFields, tags: contacts.tags,
      },
      conversation: {
        id: conversations.id, status: conversations.status, priority: conversations.priority, tags: conversations.tags,
        botActive: conversations.botActive, channelId: conversations.channelId, teamId: conversations.teamId, assigneeId: conversations.assigneeId,
      },
      channel: { type: channels.type, name: channels.name },
      team: { name: teams.name },
      agent: { name: users.name, email: users.email },
    })
    .from(workspaces)
    .leftJoin(conversations, and(eq(conversations.workspaceId, workspaces.id), conversationMatch))
    .leftJoin(contacts, and(eq(contacts.workspaceId, workspaces.id), eq(contacts.id, contactId)))
    .leftJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .leftJoin(users, eq(users.id, conversations.assigneeId))
    .where(eq(workspaces.id, run.workspaceId));
  return row;
}

export type RunScope = NonNullable<Awaited<ReturnType<typeof findRunScope>>>;

/** The opening hours of a team and of a channel of the workspace (null: always open, or no such team or channel). */
export async function findSchedules(db: Db, workspaceId: number, ids: { teamId: number | null; channelId: number | null }): Promise<Array<BusinessHours | null>> {
  const [row] = await db
    .select({
      team: sql<BusinessHours | null>`(SELECT ${teams.businessHours} FROM ${teams} WHERE ${teams.id} = ${ids.teamId ?? -1} AND ${teams.workspaceId} = ${workspaceId})`,
      channel: sql<BusinessHours | null>`(SELECT ${channels.businessHours} FROM ${channels} WHERE ${channels.id} = ${ids.channelId ?? -1} AND ${channels.workspaceId} = ${workspaceId})`,
    })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return [row?.team ?? null, row?.channel ?? null];
}
