import type { UseCaseContext } from '../use-case.js';
import { listContactFields as listRows } from './contact-fields.repo.js';
import { toContactFieldDto } from './contact-field-dto.js';

/** Every member reads the definitions: the contact panel renders the fields from them. */
export async function listContactFields(ctx: UseCaseContext) {
  return { items: (await listRows(ctx.db, ctx.actor.workspaceId)).map(toContactFieldDto) };
}
