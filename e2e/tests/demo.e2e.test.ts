import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserTestsSkipped } from '../support/chromium.js';
import type { RunningServer } from '../support/server.js';
import { startServerAndBrowser } from '../support/stack.js';
import { screenshot } from '../support/artifacts.js';

describe.skipIf(browserTestsSkipped())('first run: the demo workspace', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 720 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('loads the demo from the first-run screen, shows its login and opens a living inbox', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL('**/setup');
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/demo') && r.request().method() === 'POST', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Cargar un espacio de demostración' }).click();
    const response = await answer;
    if (response.status() === 404) {
      throw new Error('POST /api/v1/demo answered 404: the demo endpoint does not exist yet, so the first-run demo button cannot work.');
    }
    expect(response.status(), `POST /api/v1/demo answered ${response.status()}: ${await response.text()}`).toBeLessThan(300);

    await page.getByTestId('demo-ready').waitFor({ timeout: 60_000 });
    const email = (await page.getByTestId('demo-email').textContent())!;
    const password = (await page.getByTestId('demo-password').textContent())!;
    expect(email).toContain('@');
    expect(password.length).toBeGreaterThan(0);
    await screenshot(page, 'demo-ready');

    await page.getByRole('button', { name: 'Abrir la bandeja de entrada' }).click();
    await page.waitForURL('**/conversations');
    expect((await page.getByTestId('workspace-name').textContent())?.trim()).not.toBe('');

    // The demo has conversations in every status.
    await page.goto(`${server.url}/conversations?status=all`);
    await page.getByTestId('conversation-row').first().waitFor();
    expect(await page.getByTestId('conversation-row').count()).toBeGreaterThanOrEqual(5);
    await screenshot(page, 'demo-inbox');

    // The login shown works.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Cerrar sesión' }).click();
    await page.waitForURL('**/login');
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel(/^Contraseña/).fill(password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL('**/conversations');
  });
});
