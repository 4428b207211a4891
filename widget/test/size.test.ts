import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const size = (env: Record<string, string> = {}) => spawnSync(process.execPath, ['scripts/size.mjs'], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });

beforeAll(() => {
  // The real build, as `npm run build -w widget` makes it (the binary, not npx: see stack-measurements).
  const vite = path.resolve(root, '..', 'node_modules', '.bin', 'vite');
  for (const config of ['vite.frame.config.ts', 'vite.loader.config.ts']) {
    const build = spawnSync(vite, ['build', '--config', config, '--logLevel', 'warn'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`widget build failed: ${build.stderr}`);
  }
});

it('npm run size prints every file\'s gzipped size and the total, within the 60 KB budget', () => {
  const run = size();
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/^loader\.js\s+\d+\.\d KB gzip$/m);
  expect(run.stdout).toMatch(/^assets\/frame-[\w-]+\.js\s+\d+\.\d KB gzip$/m);
  const total = Number(/total \(loader \+ chat\)\s+([\d.]+) KB/.exec(run.stdout)![1]);
  expect(total).toBeGreaterThan(5); // it measured the real chat, not an empty file
  expect(total).toBeLessThanOrEqual(60);
  expect(fs.existsSync(path.join(root, 'dist', 'frame.html'))).toBe(true);
});

it('fails over budget', () => {
  const run = size({ WIDGET_BUDGET_KB: '1' });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('Over budget');
});
