import type { UseCaseContext } from '../use-case.js';
import type { Db } from '../../platform/db/db.js';
import { notFound } from '../../platform/http/errors.js';
import { canSeeConversation } from '../auth/permissions.js';
import { formFieldsOf, listTeamFormFields } from '../teams/team-form.repo.js';
import { findConversation, type ConversationRow } from './conversations.repo.js';
import { listFormValues } from './conversation-form.repo.js';
import type { ConversationFormDto } from './conversation-form.schemas.js';

/** The conversation's form (seed 004): its team's fields and values, and what earlier teams filled. */
export async function getConversationForm(ctx: UseCaseContext, conversationId: number): Promise<ConversationFormDto> {
  const c = await findConversation(ctx.db, ctx.actor.workspaceId, conversationId);
  if (!c || !canSeeConversation(ctx.actor, c)) throw notFound('Conversation');
  return conversationForm(ctx.db, c);
}

/** In three queries whatever the number of teams: the conversation (given), every team's values, their fields. */
export async function conversationForm(db: Db, c: Pick<ConversationRow, 'id' | 'workspaceId' | 'teamId'>): Promise<ConversationFormDto> {
  const saved = await listFormValues(db, c.workspaceId, [c.id]);
  const earlier = saved.filter((s) => s.teamId !== c.teamId && Object.keys(s.values).length > 0);
  const teamIds = [...new Set([...(c.teamId !== null ? [c.teamId] : []), ...earlier.map((s) => s.teamId)])];
  const fields = await listTeamFormFields(db, c.workspaceId, teamIds);
  return {
    current: c.teamId === null ? null : { teamId: c.teamId, fields: formFieldsOf(fields, c.teamId), values: saved.find((s) => s.teamId === c.teamId)?.values ?? {} },
    earlier: earlier.map((s) => ({ teamId: s.teamId, teamName: s.teamName, fields: formFieldsOf(fields, s.teamId), values: s.values, updatedAt: s.updatedAt.toISOString() })),
  };
}
