import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from './server.js';

export const artifactsDir = path.join(repoRoot, 'e2e', 'artifacts');

/** Screenshots of the key screens, kept under e2e/artifacts/ (git-ignored) to look at after a run. */
export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
}
