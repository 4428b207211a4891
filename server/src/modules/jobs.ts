import type { JobDefinition } from '../platform/queue/queue.js';
import type { AppContext } from '../platform/context.js';

/** Every kind of background job. */
export const jobs: JobDefinition<any, AppContext>[] = [];
