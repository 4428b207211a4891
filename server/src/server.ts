import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from './platform/context.js';
import { createHttpApp, type App } from './platform/http/app.js';
import { authenticate } from './modules/auth/authenticate.js';
import { routeModules } from './modules/routes.js';
import { Dispatcher } from './platform/events/dispatcher.js';
import { startupTasks } from './modules/startup-tasks.js';
import { releaseLeases } from './platform/events/events.repo.js';
import { subscribers } from './modules/subscribers.js';
import { jobs } from './modules/jobs.js';
import { RealtimeHub } from './platform/realtime/hub.js';
import { registerRealtimeRoute } from './platform/realtime/realtime.routes.js';

export interface Server {
  app: App;
  hub: RealtimeHub | null;
  dispatcher: Dispatcher | null;
  close(): Promise<void>;
}

const defaultDashboardDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dashboard/dist');

/** Builds the HTTP app, the realtime hub and, for worker roles, the dispatcher and job workers. */
export async function buildServer(ctx: AppContext): Promise<Server> {
  const role = ctx.config.ROLE;
  const dashboardDir = ctx.config.DASHBOARD_DIR ? path.resolve(ctx.config.DASHBOARD_DIR) : defaultDashboardDir;
  const serveDashboard = role !== 'worker' && fs.existsSync(path.join(dashboardDir, 'index.html'));
  const app = await createHttpApp(ctx, serveDashboard ? dashboardDir : null);
  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/api/')) req.actor = await authenticate(ctx, req);
  });

  let hub: RealtimeHub | null = null;
  if (role !== 'worker') {
    hub = new RealtimeHub(ctx);
    await hub.start();
    registerRealtimeRoute(app, ctx, hub);
  }
  for (const register of routeModules) await register(app, ctx);
  app.get('/api/health', { schema: { hide: true } }, async () => ({ ok: true, database: ctx.database.kind, bus: ctx.bus.kind, role }));

  let dispatcher: Dispatcher | null = null;
  if (role !== 'web') {
    for (const def of jobs) await ctx.queue.work(ctx, def as never);
    // Embedded, this process holds the data directory's lock: any other lease is a crashed process's.
    if (ctx.database.kind === 'pglite') await releaseLeases(ctx.db);
    dispatcher = new Dispatcher(ctx, subscribers);
    dispatcher.start();
    for (const task of startupTasks) await task.run(ctx).catch((err) => ctx.log.error({ err, task: task.name }, 'start-up task failed'));
  } else {
    for (const def of jobs) await ctx.queue.define(def);
  }

  return {
    app,
    hub,
    dispatcher,
    async close() {
      // Node's close() drops the keep-alive connections idle at that moment; one still answering a request
      // would stay open after its answer until the keep-alive timeout (72 s), and close() with it.
      const dropIdle = setInterval(() => app.server.closeIdleConnections(), 50);
      try {
        await app.close();
      } finally {
        clearInterval(dropIdle);
      }
      await hub?.stop();
      await dispatcher?.stop();
    },
  };
}
