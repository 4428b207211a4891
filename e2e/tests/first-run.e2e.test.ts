import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserTestsSkipped } from '../support/chromium.js';
import type { RunningServer } from '../support/server.js';
import { startServerAndBrowser } from '../support/stack.js';
import { screenshot } from '../support/artifacts.js';
import { waitForMailedLink } from '../support/mail.js';

// Markup in a name must show as typed, never be interpreted.
const WORKSPACE = 'Óptica <b>Central</b>';
const OWNER = { name: 'Ana Pérez', email: 'ana@optica.example', password: 'caballo-correcto-9' };

describe.skipIf(browserTestsSkipped())('first run: set up, sign out, sign in', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 720 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => pageErrors.push(err.message));
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

  it('invites a teammate, who accepts in another browser and lands in the same workspace', async () => {
    const since = server.output().length;
    const invited = await context.request.post(`${server.url}/api/v1/invitations`, {
      data: { email: 'bruno@optica.example', name: 'Bruno Díaz', role: 'agent' },
    });
    expect(invited.status(), await invited.text()).toBeLessThan(300);
    const link = await waitForMailedLink(server, '/accept-invitation', since);

    const other = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 720 } });
    try {
      const invitee = await other.newPage();
      invitee.setDefaultTimeout(15_000);
      await invitee.goto(server.url + link);
      await invitee.getByRole('heading', { name: 'Aceptar invitación' }).waitFor();
      await invitee.getByText(`Te invitaron a ${WORKSPACE}.`).waitFor();
      expect(await invitee.getByLabel('Tu nombre').inputValue()).toBe('Bruno Díaz');
      await screenshot(invitee, 'accept-invitation');
      await invitee.getByLabel(/^Elige una contraseña/).fill('bruno-clave-segura');
      await invitee.getByRole('button', { name: 'Aceptar y entrar' }).click();
      await invitee.waitForURL('**/conversations');
      expect(await invitee.getByTestId('workspace-name').textContent()).toBe(WORKSPACE);
      await invitee.getByTestId('user-menu').getByText('Bruno Díaz').waitFor();
      // The link works once.
      await invitee.goto(server.url + link);
      await invitee.getByText('Esta invitación ya no es válida').waitFor();
    } finally {
      await other.close();
    }
  });

  it('recovers a forgotten password with the mailed link', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Cerrar sesión' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('link', { name: '¿Olvidaste tu contraseña?' }).click();
    await page.getByRole('heading', { name: 'Recuperar contraseña' }).waitFor();
    const since = server.output().length;
    await page.getByLabel('Correo electrónico').fill(OWNER.email);
    await page.getByRole('button', { name: 'Enviar enlace' }).click();
    await page.getByText('Si existe una cuenta con ese correo').waitFor();
    const link = await waitForMailedLink(server, '/reset-password', since);

    await page.goto(server.url + link);
    await page.getByRole('heading', { name: 'Elegir una contraseña nueva' }).waitFor();
    await page.getByLabel(/^Contraseña nueva/).fill('otra-clave-nueva-1');
    await page.getByLabel(/^Repite la contraseña/).fill('otra-clave-distinta');
    await page.getByRole('button', { name: 'Guardar contraseña' }).click();
    await page.getByText('Las contraseñas no coinciden').waitFor();
    await page.getByLabel(/^Repite la contraseña/).fill('otra-clave-nueva-1');
    await page.getByRole('button', { name: 'Guardar contraseña' }).click();
    await page.getByText('Listo: tu contraseña cambió').waitFor();

    await page.getByRole('link', { name: 'Volver a iniciar sesión' }).click();
    await page.getByLabel('Correo electrónico').fill(OWNER.email);
    await page.getByLabel(/^Contraseña/).fill('otra-clave-nueva-1');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL('**/conversations');

    // The link works once.
    await page.goto(server.url + link);
    await page.getByLabel(/^Contraseña nueva/).fill('tercera-clave-9');
    await page.getByLabel(/^Repite la contraseña/).fill('tercera-clave-9');
    await page.getByRole('button', { name: 'Guardar contraseña' }).click();
    await page.getByText('Este enlace ya no es válido').waitFor();
  });

  it('threw no uncaught error in the page along the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
