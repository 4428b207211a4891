import { ConfigError, loadConfig } from './platform/config/config.js';
import { closeAppContext, createAppContext, type AppContext } from './platform/context.js';
import { getSetupStatus } from './modules/auth/run-setup.js';
import { loadDemo } from './modules/demo/load-demo.js';
import { DataDirLockedError } from './platform/db/data-dir-lock.js';
import { buildServer } from './server.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  let ctx;
  try {
    ctx = await createAppContext(config);
  } catch (err) {
    if (err instanceof DataDirLockedError || err instanceof ConfigError) {
      console.error(err.message);
      process.exit(75);
    }
    throw err;
  }
  if (process.argv.includes('--demo')) await offerDemo(ctx);
  const server = await buildServer(ctx);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.log.info({ signal }, 'shutting down');
    await server.close();
    await closeAppContext(ctx); // closes PGlite cleanly, releases the data-dir lock
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  if (config.ROLE !== 'worker') {
    await server.app.listen({ port: config.PORT, host: config.HOST });
    ctx.log.info(`Atiende is ready on ${config.publicUrl} (database: ${ctx.database.kind}, bus: ${ctx.bus.kind}, role: ${config.ROLE})`);
  } else {
    ctx.log.info(`Atiende worker started (database: ${ctx.database.kind})`);
  }
}

/** `npm run demo`: on an empty installation, load the demo workspace before serving it. */
async function offerDemo(ctx: AppContext) {
  if (!(await getSetupStatus(ctx)).needed) {
    ctx.log.warn('This installation is already set up: the demo is only loaded into an empty one (remove DATA_DIR to start over).');
    return;
  }
  const demo = await loadDemo(ctx);
  console.log(`\nDemo workspace loaded. Sign in at ${ctx.config.publicUrl} as ${demo.email} with the password ${demo.password}`);
  console.log(`Other demo users (same password): ${demo.otherUsers.join(', ')}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
