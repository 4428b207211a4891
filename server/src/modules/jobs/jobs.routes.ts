import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import { jobListDto, jobParams, jobResponse, listJobsQuery } from './jobs.schemas.js';
import { listJobs } from './list-jobs.js';
import { retryJob } from './retry-job.js';

const tags = ['jobs'];

export function registerJobRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/jobs', {
    schema: { tags, summary: 'Background jobs of the workspace, newest first; filter by state and queue (admin and up)', querystring: listJobsQuery, response: { 200: jobListDto } },
  }, async (req) => listJobs(withActor(ctx, requireActor(req)), req.query));

  app.post('/api/v1/jobs/:queue/:id/retry', {
    schema: { tags, summary: 'Retry a failed job (admin and up)', params: jobParams, response: { 200: jobResponse } },
  }, async (req) => ({ job: await retryJob(withActor(ctx, requireActor(req)), req.params) }));
}
