import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { conflict, forbidden } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { invalidField } from '../invalid-field.js';
import { normaliseFieldValue } from '../contacts/contact-field-values.js';
import { listTeamFormFields, type TeamFormFieldRow } from '../teams/team-form.repo.js';
import { lockVisibleConversation } from './change-conversation.js';
import { conversationEvent } from './conversation-events.js';
import { mergeFormValues, type FormValue } from './conversation-form.repo.js';
import { conversationForm } from './get-conversation-form.js';
import type { ConversationFormDto, SaveConversationFormInput } from './conversation-form.schemas.js';

/** Each value checked against its field: a key the form does not have, or a value of the wrong type, answers 400 naming it. */
export function checkFormValues(fields: Pick<TeamFormFieldRow, 'key' | 'type' | 'options'>[], values: Record<string, FormValue | null>): Record<string, FormValue | null> {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => {
      const field = `body.values.${key}`;
      const def = byKey.get(key);
      if (!def) throw invalidField(field, "not a field of this team's form");
      return [key, normaliseFieldValue(def, value, field)];
    }),
  );
}

/**
 * Fills in a team's form for a conversation (by default its current team's; seed 004: the agent may fill it
 * before transferring). Whoever may reply may fill it; values merge into what is saved, per team.
 */
export async function saveConversationForm(ctx: UseCaseContext, conversationId: number, input: SaveConversationFormInput): Promise<ConversationFormDto> {
  const { actor } = ctx;
  return inTransaction(ctx, async (tx, emit) => {
    const c = await lockVisibleConversation(ctx, tx, conversationId);
    if (!can(actor, 'conversation.reply', c)) throw forbidden();
    if (c.status === 'closed') throw conflict('The conversation is closed; reopen it to change its form');
    const teamId = input.teamId ?? c.teamId;
    if (teamId === null) throw invalidField('body.teamId', 'the conversation has no team: name the team whose form this is');
    const values = checkFormValues(await listTeamFormFields(tx, actor.workspaceId, [teamId]), input.values);
    if (Object.keys(values).length > 0) {
      await mergeFormValues(tx, { workspaceId: actor.workspaceId, conversationId: c.id, teamId, values, updatedBy: actor.userId, at: ctx.clock.now() });
      emit(conversationEvent(c, 'conversation.form_updated', eventActor(actor), { teamId, keys: Object.keys(values) }));
    }
    return conversationForm(tx, c);
  });
}
