import type { UseCaseContext } from '../use-case.js';
import { badRequest, forbidden } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { countCallsByReason, listCalls as listCallRows, type CallKeyset } from './calls.repo.js';
import { toCallDto } from './call-dto.js';
import type { CallFilters } from './calls.schemas.js';

const encodeCursor = (k: CallKeyset) => Buffer.from(`${k.at.toISOString()}|${k.id}`).toString('base64url');

function decodeCursor(cursor: string): CallKeyset {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const k = { at: new Date(at), id: Number(id) };
  if (Number.isNaN(k.at.getTime()) || !Number.isInteger(k.id)) throw badRequest('Invalid cursor', [{ field: 'querystring.cursor', message: 'use nextCursor from the previous page' }]);
  return k;
}

/** The calls list: newest call first, keyset-paged, one query whatever the page size. */
export async function listCalls(ctx: UseCaseContext, filters: CallFilters, page: { cursor?: string; limit: number }) {
  const { actor } = ctx;
  if (!can(actor, 'call.read', { workspaceId: actor.workspaceId })) throw forbidden();
  const rows = await listCallRows(ctx.db, actor.workspaceId, filters, page.cursor ? decodeCursor(page.cursor) : null, page.limit + 1);
  const items = rows.slice(0, page.limit).map(toCallDto);
  const last = rows.length > page.limit ? rows[page.limit - 1].call : null;
  return { items, nextCursor: last ? encodeCursor({ at: last.startedAt, id: last.id }) : null };
}

/** The "sales calls by reason" view: how many calls each reason had under the list's filters. */
export async function countCallsPerReason(ctx: UseCaseContext, filters: CallFilters) {
  const { actor } = ctx;
  if (!can(actor, 'call.read', { workspaceId: actor.workspaceId })) throw forbidden();
  const items = await countCallsByReason(ctx.db, actor.workspaceId, filters);
  return { items, total: items.reduce((n, r) => n + r.count, 0) };
}
