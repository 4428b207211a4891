import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { can } from '../auth/permissions.js';
import { invalidField } from '../invalid-field.js';
import { findTeam } from './teams.repo.js';
import { replaceTeamFormFields } from './team-form.repo.js';
import { getTeamForm } from './get-team-form.js';
import type { FormFieldDto, FormFieldInput, TeamFormDto } from './team-form.schemas.js';

/**
 * Keys are unique within the form and a select has choices; other types carry none. These rules span
 * fields, so they answer 400 naming the offending field here rather than in the schema.
 */
export function checkFormFields(fields: FormFieldInput[]): FormFieldDto[] {
  const seen = new Set<string>();
  return fields.map((f, i) => {
    if (seen.has(f.key)) throw invalidField(`body.fields.${i}.key`, `"${f.key}" is already the key of another field`);
    seen.add(f.key);
    const options = f.type === 'select' ? [...new Set(f.options ?? [])] : [];
    if (f.type === 'select' && options.length === 0) throw invalidField(`body.fields.${i}.options`, 'a select field needs at least one option');
    return { key: f.key, label: f.label, type: f.type, options, required: f.required };
  });
}

/**
 * Replaces a team's form in one transaction (admins and owners). Values already filled in conversations
 * stay under their keys: a field put back with the same key shows them again.
 */
export async function setTeamForm(ctx: UseCaseContext, input: { id: number; fields: FormFieldInput[] }): Promise<TeamFormDto> {
  const { actor } = ctx;
  const team = await findTeam(ctx.db, actor.workspaceId, input.id);
  if (!team) throw notFound('Team');
  if (!can(actor, 'team.manage', { workspaceId: actor.workspaceId })) throw forbidden();
  const fields = checkFormFields(input.fields);
  await inTransaction(ctx, async (tx, emit) => {
    await replaceTeamFormFields(tx, actor.workspaceId, team.id, fields);
    emit({ workspaceId: actor.workspaceId, type: 'team.updated', actor: eventActor(actor), payload: { teamId: team.id, changes: { form: true } } });
  });
  return getTeamForm(ctx, { id: team.id });
}
