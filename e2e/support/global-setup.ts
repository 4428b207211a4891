import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { chromiumInstalled, missingChromiumMessage } from './chromium.js';
import { repoRoot } from './server.js';

/** Fails the suite without Chromium (unless skipping was asked for), then builds the dashboard and the widget the server serves. */
export default function setup() {
  if (!chromiumInstalled()) {
    if (process.env.E2E_SKIP_NO_BROWSER === '1') {
      process.env.ATIENDE_E2E_SKIPPED = '1';
      console.log('\n*** Browser tests SKIPPED: Chromium is not installed and E2E_SKIP_NO_BROWSER=1 ***\n');
      return;
    }
    throw new Error(missingChromiumMessage());
  }
  if (process.env.E2E_SKIP_BUILD === '1') return;
  const vite = path.join(repoRoot, 'node_modules', '.bin', 'vite');
  const build = spawnSync(vite, ['build', '--logLevel', 'warn'], { cwd: path.join(repoRoot, 'dashboard'), stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`Building the dashboard failed (exit ${build.status ?? build.signal})`);
  // The web chat widget the server serves at /widget/ (the loader and the chat's iframe).
  for (const config of ['vite.frame.config.ts', 'vite.loader.config.ts']) {
    const widget = spawnSync(vite, ['build', '--config', config, '--logLevel', 'warn'], { cwd: path.join(repoRoot, 'widget'), stdio: 'inherit' });
    if (widget.status !== 0) throw new Error(`Building the widget failed (exit ${widget.status ?? widget.signal})`);
  }
}
