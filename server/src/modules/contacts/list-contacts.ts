import type { UseCaseContext } from '../use-case.js';
import { can } from '../auth/permissions.js';
import { forbidden } from '../../platform/http/errors.js';
import { listContacts as listContactRows } from './contacts.repo.js';
import { toContactDto } from './contact-dto.js';

export interface ListContactsInput {
  cursor?: string;
  limit: number;
  q?: string;
  tag?: string;
}

/** Newest first with keyset pagination: one query whatever the page size and filters. */
export async function listContacts(ctx: UseCaseContext, input: ListContactsInput) {
  const { actor } = ctx;
  if (!can(actor, 'contact.read', { workspaceId: actor.workspaceId })) throw forbidden();
  const rows = await listContactRows(ctx.db, {
    workspaceId: actor.workspaceId,
    beforeId: input.cursor ? Number(input.cursor) : undefined,
    limit: input.limit + 1,
    q: input.q,
    tag: input.tag,
  });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map(toContactDto),
    nextCursor: rows.length > input.limit ? String(page.at(-1)!.id) : null,
  };
}
