import { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import { getDailyActivity } from './get-daily-activity.js';

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
    async (req) => getDailyActivity(withActor(ctx, requireActor(req)), req.query),
  );
}
