import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserTestsSkipped } from '../support/chromium.js';
import type { RunningServer } from '../support/server.js';
import { startServerAndBrowser } from '../support/stack.js';
import { screenshot } from '../support/artifacts.js';

// Markup in a name must show as typed, never be interpreted.
const WORKSPACE = 'Óptica <b>Central</b>';
const OWNER = { name: 'Ana Pérez', email: 'ana@optica.example', password: 'caballo-correcto-9' };

describe.skipIf(browserTestsSkipped())('first run: set up, sign out, sign in', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 720 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('offers the first-run screen on an empty installation', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL('**/setup');
    await page.getByRole('heading', { name: 'Bienvenido a Atiende' }).waitFor();
    // The demo is offered right there, before the form.
    await page.getByRole('button', { name: 'Cargar un espacio de demostración' }).waitFor();
    await screenshot(page, 'first-run-setup');
  });

  it('refuses an incomplete form in the browser, naming the fields', async () => {
    await page.getByRole('button', { name: 'Crear espacio de trabajo' }).click();
    await page.getByText('Este campo es obligatorio').first().waitFor();
    await page.getByText('Al menos 8 caracteres').first().waitFor();
    expect(page.url()).toMatch(/\/setup$/);
  });

  it('creates the workspace and lands signed in, in the inbox', async () => {
    await page.getByLabel('Nombre del espacio de trabajo').fill(WORKSPACE);
    await page.getByLabel('Tu nombre').fill(OWNER.name);
    await page.getByLabel('Correo electrónico').fill(OWNER.email);
    await page.getByLabel(/^Contraseña/).fill(OWNER.password);
    await page.getByRole('button', { name: 'Crear espacio de trabajo' }).click();

    await page.waitForURL('**/conversations');
    await page.getByRole('heading', { name: 'Conversaciones' }).waitFor();
    expect(await page.getByTestId('workspace-name').textContent()).toBe(WORKSPACE);
    await page.getByTestId('conversations-empty').waitFor();
    await screenshot(page, 'first-run-inbox');
  });

  it("shows a customer's message from the API channel as text, never as markup", async () => {
    // The browser's own session creates the channel, as an admin would from the settings.
    const created = await context.request.post(`${server.url}/api/v1/channels`, {
      data: { type: 'api', name: 'Tienda web', config: { outboundUrl: 'http://127.0.0.1:9/unused' } },
    });
    expect(created.status(), await created.text()).toBe(201);
    const channel = (await created.json()) as { id: number; secret: string };
    const body = JSON.stringify({
      type: 'message',
      externalId: 'e2e-1',
      contact: { externalId: 'cliente-1', name: '<i>Luis</i> Gómez', phone: '+584121234567' },
      text: '<img src=x onerror="window.__injected=1">¿Tienen lentes de contacto?',
    });
    const signature = `sha256=${crypto.createHmac('sha256', channel.secret).update(body).digest('hex')}`;
    const hook = await fetch(`${server.url}/hooks/api/${channel.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-atiende-signature': signature },
      body,
    });
    expect(hook.status, await hook.clone().text()).toBe(200);

    await page.goto(`${server.url}/conversations?status=all`);
    const row = page.getByTestId('conversation-row');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    const text = await row.first().textContent();
    expect(text).toContain('<i>Luis</i> Gómez');
    expect(text).toContain('<img src=x onerror="window.__injected=1">¿Tienen lentes de contacto?');
    expect(text).toContain('Tienda web');
    expect(await page.locator('[data-testid=conversation-list] img, [data-testid=conversation-list] i').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
    await screenshot(page, 'conversation-list');
  });

  it('stays signed in across a reload, and set-up is not offered again', async () => {
    await page.reload();
    await page.getByTestId('workspace-name').waitFor();
    await page.goto(`${server.url}/setup`);
    await page.waitForURL('**/conversations');
    const setup = await fetch(`${server.url}/api/v1/setup`).then((r) => r.json());
    expect(setup).toEqual({ needed: false });
  });

  it('switches the language from the user menu', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Conversations' }).waitFor();
    // The choice is saved in the profile too.
    await expect.poll(async () => ((await (await context.request.get(`${server.url}/api/v1/auth/me`)).json()) as { user: { language: string } }).user.language).toBe('en');
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Conversaciones' }).waitFor();
  });

  it('signs out to the login screen, and the session is gone', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Cerrar sesión' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    await page.goto(`${server.url}/conversations`);
    await page.waitForURL(/\/login\?next=%2Fconversations$/);
  });

  it('refuses a wrong password', async () => {
    await page.getByLabel('Correo electrónico').fill(OWNER.email);
    await page.getByLabel(/^Contraseña/).fill('not-the-password');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByText('Correo o contraseña incorrectos.').waitFor();
    expect(page.url()).toContain('/login');
  });

  it('signs in again and returns to where it was going', async () => {
    await page.getByLabel(/^Contraseña/).fill(OWNER.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL('**/conversations');
    expect(await page.getByTestId('workspace-name').textContent()).toBe(WORKSPACE);
    await screenshot(page, 'signed-in-again');
  });
});
