import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium.js';
import { startServer, type RunningServer } from './server.js';

/** A fresh server and a browser, started side by side; if either fails, the other is stopped too. */
export async function startServerAndBrowser(): Promise<{ server: RunningServer; browser: Browser }> {
  const [server, browser] = await Promise.allSettled([startServer(), launchChromium()]);
  if (server.status === 'fulfilled' && browser.status === 'fulfilled') return { server: server.value, browser: browser.value };
  if (server.status === 'fulfilled') await server.value.stop();
  if (browser.status === 'fulfilled') await browser.value.close();
  throw server.status === 'rejected' ? server.reason : (browser as PromiseRejectedResult).reason;
}
