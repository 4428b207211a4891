import { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { setSessionCookie } from '../auth/session-cookie.js';
import { loadDemo } from './load-demo.js';

/** Offered by the first-run screen: only while the installation is empty. */
export function registerDemoRoutes(app: App, ctx: AppContext) {
  app.post('/api/v1/demo', {
    schema: {
      tags: ['setup'],
      summary: 'First run only: load a demo workspace in Spanish and sign in as its owner',
      security: [],
      response: { 201: z.object({ email: z.string(), password: z.string(), workspaceId: z.number(), otherUsers: z.array(z.string()) }) },
    },
  }, async (_req, reply) => {
    const demo = await loadDemo(ctx);
    setSessionCookie(reply, ctx.config, demo.sessionToken);
    return reply.status(201).send({ email: demo.email, password: demo.password, workspaceId: demo.workspaceId, otherUsers: demo.otherUsers });
  });
}
