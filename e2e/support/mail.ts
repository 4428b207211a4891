import type { RunningServer } from './server.js';

/**
 * Without SMTP_URL the server writes each mail to its log. Waits for a link to `path` (for example
 * `/reset-password`) printed after `since` (an offset into the server's output) and returns it as a path.
 */
export async function waitForMailedLink(server: RunningServer, path: string, since: number, timeoutMs = 15_000): Promise<string> {
  const pattern = new RegExp(`${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\?token=([A-Za-z0-9_-]+)`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(server.output().slice(since));
    if (match) return `${path}?token=${match[1]}`;
    if (Date.now() > deadline) throw new Error(`No mail with a ${path} link in the server log after ${timeoutMs} ms:\n${server.output().slice(since)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
