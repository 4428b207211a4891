import type { UseCaseContext } from '../use-case.js';
import { forbidden } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { invalidField } from '../invalid-field.js';
import { listJobs as listJobRows } from './jobs.repo.js';
import { toJobDto } from './job-dto.js';

const encode = (createdUs: string, id: string) => Buffer.from(JSON.stringify([createdUs, id])).toString('base64url');

function decode(cursor: string | undefined) {
  if (!cursor) return undefined;
  try {
    const [createdUs, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (/^\d+$/.test(createdUs) && /^[0-9a-f-]{36}$/.test(id)) return { createdUs, id };
  } catch {
    // fall through
  }
  throw invalidField('query.cursor', 'expected the nextCursor of a previous page');
}

/** The workspace's background jobs (failed ones carry their error), newest first. */
export async function listJobs(ctx: UseCaseContext, input: { state?: string; queue?: string; cursor?: string; limit: number }) {
  const { actor } = ctx;
  if (!can(actor, 'jobs.read', { workspaceId: actor.workspaceId })) throw forbidden();
  const rows = await listJobRows(ctx.database, actor.workspaceId, { state: input.state, queue: input.queue, before: decode(input.cursor), limit: input.limit + 1 });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items: items.map(toJobDto), nextCursor: rows.length > input.limit && last ? encode(String(last.created_us), last.id) : null };
}
