import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import { transfersReportPage, transfersReportQuery } from './transfers-report.schemas.js';
import { getTransfersReport } from './transfers-report.js';

export function registerTransfersReportRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/reports/transfers', {
    schema: {
      tags: ['reports'],
      summary: 'Conversations transferred in a date range, each with its transfers (supervisors and up)',
      querystring: transfersReportQuery,
      response: { 200: transfersReportPage },
    },
  }, async (req) => {
    const q = req.query;
    const filters = {
      status: q.status,
      channelId: q.channelId,
      teamId: q.teamId,
      assigneeId: q.assigneeId,
      q: q.q,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
    };
    return getTransfersReport(withActor(ctx, requireActor(req)), filters, { cursor: q.cursor, limit: q.limit });
  });
}
