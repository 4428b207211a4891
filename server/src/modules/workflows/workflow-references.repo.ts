import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import { memberships } from '../workspaces/workspaces.tables.js';
import { teams } from '../teams/teams.tables.js';
import { channels } from '../channels/channels.tables.js';
import { contactFields } from '../contacts/contact-fields.tables.js';
import { closingCategories, tags } from '../tags/tags.tables.js';
import { workflows } from './workflows.tables.js';

export interface ReferenceLookup {
  userIds: number[];
  teamIds: number[];
  channelIds: number[];
  workflowIds: number[];
  contactFieldKeys: string[];
  closingCategories: string[];
  /** Tags a step puts on conversations: those come from the workspace's tag list. */
  conversationTags: string[];
}

export interface ExistingReferences {
  userIds: Set<number>;
  teamIds: Set<number>;
  channelIds: Set<number>;
  workflowIds: Set<number>;
  contactFieldKeys: Set<string>;
  closingCategories: Set<string>;
  conversationTags: Set<string>;
}

/**
 * Which of the named things exist in the workspace: one query per kind that names any (none for an empty list),
 * one after another so it may run inside a transaction.
 */
export async function existingReferences(db: Db, workspaceId: number, refs: ReferenceLookup): Promise<ExistingReferences> {
  const found = async <T>(list: T[], query: () => Promise<{ v: T }[]>) => new Set(list.length ? (await query()).map((r) => r.v) : []);
  return {
    userIds: await found(refs.userIds, () => db.select({ v: memberships.userId }).from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.active, true), inArray(memberships.userId, refs.userIds)))),
    teamIds: await found(refs.teamIds, () => db.select({ v: teams.id }).from(teams).where(and(eq(teams.workspaceId, workspaceId), inArray(teams.id, refs.teamIds)))),
    channelIds: await found(refs.channelIds, () => db.select({ v: channels.id }).from(channels)
      .where(and(eq(channels.workspaceId, workspaceId), inArray(channels.id, refs.channelIds)))),
    workflowIds: await found(refs.workflowIds, () => db.select({ v: workflows.id }).from(workflows)
      .where(and(eq(workflows.workspaceId, workspaceId), inArray(workflows.id, refs.workflowIds)))),
    contactFieldKeys: await found(refs.contactFieldKeys, () => db.select({ v: contactFields.key }).from(contactFields)
      .where(and(eq(contactFields.workspaceId, workspaceId), inArray(contactFields.key, refs.contactFieldKeys)))),
    closingCategories: await found(refs.closingCategories, () => db.select({ v: closingCategories.name }).from(closingCategories)
      .where(and(eq(closingCategories.workspaceId, workspaceId), inArray(closingCategories.name, refs.closingCategories)))),
    conversationTags: await found(refs.conversationTags, () => db.select({ v: tags.name }).from(tags)
      .where(and(eq(tags.workspaceId, workspaceId), inArray(tags.name, refs.conversationTags)))),
  };
}
