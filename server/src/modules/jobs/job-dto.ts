import type { JobRow } from './jobs.repo.js';
import type { JobDto } from './jobs.schemas.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function errorOf(row: JobRow): string | null {
  if (row.state !== 'failed' && row.state !== 'retry') return null;
  const out = row.output as { message?: unknown; value?: unknown } | null;
  if (!out) return null;
  if (typeof out.message === 'string') return out.message;
  if (typeof out.value === 'string') return out.value;
  const inner = out.value as { message?: unknown } | undefined;
  if (inner && typeof inner.message === 'string') return inner.message;
  return JSON.stringify(out);
}

export function toJobDto(row: JobRow): JobDto {
  return {
    id: row.id,
    queue: row.name,
    state: row.state,
    retryCount: row.retry_count,
    retryLimit: row.retry_limit,
    error: errorOf(row),
    output: row.output ?? null,
    createdOn: iso(row.created_on)!,
    startedOn: iso(row.started_on),
    completedOn: iso(row.completed_on),
  };
}
