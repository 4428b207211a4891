import { AsyncLocalStorage } from 'node:async_hooks';
import { observeQueries } from '../src/platform/db/db.js';

const scope = new AsyncLocalStorage<{ sql: string[] }>();

/**
 * Runs `fn` and returns the database queries it issued itself: drizzle logs a query in the async context of its
 * caller, so the dispatcher's and the job workers' queries at the same moment are not counted.
 */
export async function queriesOf(fn: () => Promise<unknown>): Promise<string[]> {
  const mine = { sql: [] as string[] };
  const stop = observeQueries((q) => {
    if (scope.getStore() === mine) mine.sql.push(q);
  });
  try {
    await scope.run(mine, fn);
    return mine.sql;
  } finally {
    stop();
  }
}
