import type { AppContext } from '../platform/context.js';
import { scheduleAllTicks } from './workflows/engine/workflow-tick.job.js';

/** What a worker node makes sure of when it starts (after its job workers are up); each must be safe to repeat. */
export const startupTasks: Array<{ name: string; run: (ctx: AppContext) => Promise<void> }> = [
  { name: 'workflow ticks', run: scheduleAllTicks },
];
