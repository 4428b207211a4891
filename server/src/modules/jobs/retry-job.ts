import type { UseCaseContext } from '../use-case.js';
import { conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { can } from '../auth/permissions.js';
import { findJob } from './jobs.repo.js';
import { toJobDto } from './job-dto.js';

/** Puts a failed job back in its queue for one more attempt. */
export async function retryJob(ctx: UseCaseContext, input: { queue: string; id: string }) {
  const { actor } = ctx;
  const job = await findJob(ctx.database, actor.workspaceId, input.queue, input.id);
  if (!job) throw notFound('Job');
  if (!can(actor, 'jobs.read', { workspaceId: actor.workspaceId })) throw forbidden();
  if (job.state !== 'failed') throw conflict(`Only a failed job can be retried; this one is ${job.state}`);
  // pg-boss owns its tables (and on PostgreSQL its own connections): the retry is its call, the event ours.
  await ctx.queue.retry(job.name, job.id);
  await inTransaction(ctx, async (_tx, emit) => {
    emit({ workspaceId: actor.workspaceId, type: 'job.retried', actor: eventActor(actor), payload: { queue: job.name, jobId: job.id } });
  });
  return toJobDto((await findJob(ctx.database, actor.workspaceId, job.name, job.id))!);
}
