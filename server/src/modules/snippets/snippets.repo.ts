import { and, eq, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import { snippets } from './snippets.tables.js';
import { users, workspaces } from '../workspaces/workspaces.tables.js';
import { conversations } from '../conversations/conversations.tables.js';
import { contacts } from '../contacts/contacts.tables.js';
import { teams } from '../teams/teams.tables.js';

export type SnippetRow = typeof snippets.$inferSelect;
export type SnippetView = SnippetRow & { creatorName: string | null; teamName: string | null };

/** Who is looking: their own snippets, their teams' (every team's for admins and integrations), the workspace's. */
export interface SnippetViewer {
  userId: number | null;
  teamIds: number[];
  allTeams: boolean;
}

const joined = { creatorName: users.name, teamName: teams.name };

function usableBy(v: SnippetViewer): SQL | undefined {
  const shared = and(isNull(snippets.ownerId), isNull(snippets.teamId));
  const team = v.allTeams ? isNotNull(snippets.teamId) : v.teamIds.length ? inArray(snippets.teamId, v.teamIds) : undefined;
  const own = v.userId !== null ? eq(snippets.ownerId, v.userId) : undefined;
  return or(shared, team, own);
}

const likePattern = (text: string, prefix = false) => `${prefix ? '' : '%'}${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function selectViews(db: Db) {
  return db
    .select({ snippet: snippets, ...joined })
    .from(snippets)
    .leftJoin(users, eq(users.id, snippets.createdBy))
    .leftJoin(teams, eq(teams.id, snippets.teamId));
}

const toView = (r: { snippet: SnippetRow; creatorName: string | null; teamName: string | null }): SnippetView => ({ ...r.snippet, creatorName: r.creatorName, teamName: r.teamName });

/** One query; shortcuts starting with q first (the composer's `/` menu), then by shortcut: personal, team, workspace. */
export async function listSnippets(db: Db, workspaceId: number, viewer: SnippetViewer, q?: string): Promise<SnippetView[]> {
  const search = q
    ? sql`(${snippets.shortcut} ILIKE ${likePattern(q)} OR ${snippets.title} ILIKE ${likePattern(q)} OR ${snippets.body} ILIKE ${likePattern(q)})`
    : undefined;
  const rows = await selectViews(db)
    .where(and(eq(snippets.workspaceId, workspaceId), usableBy(viewer), search))
    .orderBy(
      ...(q ? [sql`${snippets.shortcut} ILIKE ${likePattern(q, true)} DESC`] : []),
      snippets.shortcut,
      sql`${snippets.ownerId} IS NULL`,
      sql`${snippets.teamId} IS NULL`,
      snippets.id,
    );
  return rows.map(toView);
}

/** A snippet the viewer may use; undefined otherwise. */
export async function findUsableSnippet(db: Db, workspaceId: number, viewer: SnippetViewer, id: number): Promise<SnippetView | undefined> {
  const [r] = await selectViews(db).where(and(eq(snippets.workspaceId, workspaceId), eq(snippets.id, id), usableBy(viewer)));
  return r && toView(r);
}

export async function insertSnippet(tx: Db, values: typeof snippets.$inferInsert): Promise<SnippetRow> {
  const [row] = await tx.insert(snippets).values(values).returning();
  return row;
}

export async function updateSnippet(tx: Db, id: number, patch: { shortcut?: string; title?: string; body?: string; action?: string | null }): Promise<SnippetRow> {
  const [row] = await tx.update(snippets).set({ ...patch, updatedAt: sql`now()` }).where(eq(snippets.id, id)).returning();
  return row;
}

export async function deleteSnippet(tx: Db, id: number) {
  await tx.delete(snippets).where(eq(snippets.id, id));
}

/** What the variables need, in one query: the conversation's scope, its contact, the workspace and the acting user. */
export async function renderingContext(db: Db, workspaceId: number, conversationId: number, userId: number | null) {
  const [row] = await db
    .select({
      conversation: { id: conversations.id, workspaceId: conversations.workspaceId, teamId: conversations.teamId, assigneeId: conversations.assigneeId },
      contact: { name: contacts.name, email: contacts.email, phone: contacts.phone, documentNumber: contacts.documentNumber, customFields: contacts.customFields },
      workspace: { name: workspaces.name, language: workspaces.language },
      agent: { name: users.name, email: users.email },
      team: { name: teams.name },
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(workspaces, eq(workspaces.id, conversations.workspaceId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .leftJoin(users, userId === null ? sql`false` : eq(users.id, userId))
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
  return row;
}
