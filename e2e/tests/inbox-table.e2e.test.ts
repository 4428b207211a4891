import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserTestsSkipped } from '../support/chromium.js';
import type { RunningServer } from '../support/server.js';
import { startServerAndBrowser } from '../support/stack.js';
import { artifactsDir, screenshot } from '../support/artifacts.js';
import { addAgent, createApiChannel, customerSays, setUpWorkspace, type Agent, type ApiChannel } from '../support/workspace.js';

describe.skipIf(browserTestsSkipped())('the inbox table: Copy, Print and access levels', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: Agent;
  let channel: ApiChannel;
  let page: Page;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    owner = await setUpWorkspace(server, browser, 'Óptica Central');
    channel = await createApiChannel(server, owner, 'Tienda web');
    await customerSays(server, channel, { externalId: 'c-1', name: 'Luis Gómez', phone: '+584121110001' }, '¿Tienen lentes de contacto?');
    await customerSays(server, channel, { externalId: 'c-2', name: 'María Rojas', phone: '+584121110002' }, 'Quiero una cita para el sábado');
    await owner.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    page = await owner.context.newPage();
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('Copy puts the table on the clipboard as tab-separated text that pastes as rows and columns', async () => {
    await page.goto(`${server.url}/conversations?status=all`);
    await page.getByTestId('conversation-row').nth(1).waitFor();
    await page.getByTestId('inbox-copy').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('Luis Gómez');
    const lines = (await page.evaluate(() => navigator.clipboard.readText())).trim().split('\n');
    expect(lines).toHaveLength(3); // header + 2 conversations
    const columns = lines[0].split('\t').length;
    expect(columns).toBeGreaterThanOrEqual(5);
    for (const line of lines) expect(line.split('\t')).toHaveLength(columns);
    expect(lines.slice(1).join('\n')).toContain('María Rojas');
    expect(lines.slice(1).join('\n')).toContain('Tienda web');
  });

  it('Print produces a PDF whose first page shows the table', async () => {
    await page.evaluate(() => {
      (window as unknown as { __printed: number }).__printed = 0;
      window.print = () => void ((window as unknown as { __printed: number }).__printed += 1);
    });
    await page.getByTestId('inbox-print').click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    fs.mkdirSync(artifactsDir, { recursive: true });
    const pdf = path.join(artifactsDir, 'inbox-print.pdf');
    await page.pdf({ path: pdf, format: 'A4', landscape: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });

    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, path.join(artifactsDir, 'inbox-print-page')]);
    expect(fs.readdirSync(artifactsDir).some((f) => f.startsWith('inbox-print-page') && f.endsWith('.png'))).toBe(true);
    // Cells wrap inside the table, so check words, not lines.
    const firstPage = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-']).toString();
    const words = new Set(firstPage.split(/\s+/));
    for (const expected of ['Luis Gómez', 'María Rojas', 'Tienda web', '¿Tienen lentes de contacto?', 'Quiero una cita para el sábado', 'Contacto', 'Canal']) {
      for (const word of expected.split(' ')) expect(words, `"${word}" of "${expected}" on the first page`).toContain(word);
    }
    // Only the table: no navigation or side bar in print.
    expect(firstPage).not.toContain('Vistas guardadas');
  });

  it('a conversation with 500 messages opens at the newest, keeps few rows in the page and loads older ones on scroll', async () => {
    let id = 0;
    for (let i = 1; i <= 500; i++) id = (await customerSays(server, channel, { externalId: 'largo', name: 'Cliente Largo' }, `Mensaje número ${i}`)).conversationId;
    const started = Date.now();
    await page.goto(`${server.url}/conversations/${id}?status=all`);
    await page.getByTestId('timeline').getByText('Mensaje número 500', { exact: true }).waitFor();
    console.log(`a 500-message conversation opened in ${Date.now() - started} ms`);
    // Virtualised: only what is near the viewport is in the DOM.
    expect(await page.getByTestId('timeline-message').count()).toBeLessThan(80);
    const timeline = page.getByTestId('timeline');
    for (let i = 0; i < 60 && (await timeline.getByText('Mensaje número 1', { exact: true }).count()) === 0; i++) {
      await timeline.hover();
      await page.mouse.wheel(0, -4000);
      await page.waitForTimeout(100);
    }
    await timeline.getByText('Mensaje número 1', { exact: true }).waitFor();
    expect(await page.getByTestId('timeline-message').count()).toBeLessThan(80);
    await screenshot(page, 'long-conversation-top');
  });

  it('an agent who sees only their assigned conversations cannot see or open another agent\'s', async () => {
    const carla = await addAgent(server, browser, owner, { name: 'Carla Ruiz', email: 'carla@optica.test', accessLevel: 'assigned' });
    const pedro = await addAgent(server, browser, owner, { name: 'Pedro León', email: 'pedro@optica.test' });
    const { conversationId } = await customerSays(server, channel, { externalId: "c-3", name: "Jorge Díaz" }, "Necesito factura");
    const taken = await pedro.context.request.post(`${server.url}/api/v1/conversations/${conversationId}/take`);
    expect(taken.status(), await taken.text()).toBe(200);

    const carlaPage = await carla.context.newPage();
    carlaPage.setDefaultTimeout(15_000);
    await carlaPage.goto(`${server.url}/conversations?status=all`);
    await carlaPage.getByTestId('conversations-empty').waitFor();
    expect(await carlaPage.getByTestId('conversation-row').count()).toBe(0);
    const answers: number[] = [];
    carlaPage.on('response', (response) => {
      if (new URL(response.url()).pathname === `/api/v1/conversations/${conversationId}`) answers.push(response.status());
    });
    await carlaPage.goto(`${server.url}/conversations/${conversationId}`);
    await carlaPage.getByTestId('conversation-unavailable').waitFor();
    // A 404 is an answer: it is shown without retries (the default retries took 7 s and asked 4 times). Counted, not
    // timed: a timing bound failed on a starved CI machine. Once in CI the pane's query was asked a second time (both
    // 404; the second observer or refetch behind it was not found), so two answers pass and a retrying client's do not.
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.length).toBeLessThan(3);
    expect(answers.every((status) => status === 404)).toBe(true);
    expect(await carlaPage.getByText('Necesito factura').count()).toBe(0);
    await screenshot(carlaPage, 'assigned-only-agent');
    expect((await carla.context.request.get(`${server.url}/api/v1/conversations/${conversationId}`)).status()).toBe(404);
  });
});
