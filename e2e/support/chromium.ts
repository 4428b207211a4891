import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Set by the global setup when Chromium is missing and E2E_SKIP_NO_BROWSER=1 asked to skip instead of failing. */
export const browserTestsSkipped = () => process.env.ATIENDE_E2E_SKIPPED === '1';

export const chromiumInstalled = () => fs.existsSync(CHROMIUM_PATH);

export const missingChromiumMessage = () =>
  `Browser tests need Chromium at ${CHROMIUM_PATH}, which is missing. Install it with:\n\n    apt-get install -y chromium\n\n` +
  `(or set E2E_SKIP_NO_BROWSER=1 to skip the browser tests).`;

/** Debian's Chromium, headless; playwright-core gives every launch a fresh temporary user-data-dir. */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumInstalled()) throw new Error(missingChromiumMessage());
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
