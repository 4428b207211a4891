import { ConfigError, loadConfig } from './platform/config/config.js';
import { closeAppContext, createAppContext } from './platform/context.js';
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

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
