import { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { can } from '../auth/permissions.js';
import { forbidden } from '../../platform/http/errors.js';
import { dailyActivityBetween } from './reports.repo.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export function registerReportRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/reports/daily-activity',
    {
      schema: {
        tags: ['reports'],
        summary: 'Daily counts of conversations and messages (UTC days)',
        querystring: z.object({ from: day, to: day }),
        response: { 200: z.object({ items: z.array(z.object({ day: z.string(), metric: z.string(), value: z.number() })) }) },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!can(actor, 'report.read', { workspaceId: actor.workspaceId })) throw forbidden();
      return { items: await dailyActivityBetween(ctx.db, actor.workspaceId, req.query.from, req.query.to) };
    },
  );
}
