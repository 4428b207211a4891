/** The job queue names of the workflow runtime (their handlers are in workflows.subscriber.ts). */
export const ADVANCE_RUN = 'workflows.advance';
export const WAKE_RUN = 'workflows.wake';
