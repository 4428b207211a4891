import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserTestsSkipped } from '../support/chromium.js';
import type { RunningServer } from '../support/server.js';
import { startServerAndBrowser } from '../support/stack.js';
import { screenshot } from '../support/artifacts.js';
import { addAgent, createApiChannel, customerSays, setUpWorkspace, type Agent, type ApiChannel } from '../support/workspace.js';

const LUIS = { externalId: 'luis-1', name: 'Luis Gómez', phone: '+584121234567' };

/**
 * Issue 3's golden path, in two browsers: Pedro works a conversation from arrival to close while
 * Bruno, mentioned in a note, gets the notification in his own browser.
 */
describe.skipIf(browserTestsSkipped())('the golden path: a conversation from arrival to close', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: Agent;
  let bruno: Agent;
  let channel: ApiChannel;
  let page: Page;
  let brunoPage: Page;
  let conversationId: number;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    owner = await setUpWorkspace(server, browser, 'Óptica Central');
    channel = await createApiChannel(server, owner, 'Tienda web');
    bruno = await addAgent(server, browser, owner, { name: 'Bruno Díaz', email: 'bruno@optica.test' });
    await addAgent(server, browser, owner, { name: 'Pedro León', email: 'pedro@optica.test' });
    const request = owner.context.request;
    for (const [path, data] of [
      ['snippets', { shortcut: 'saludo', title: 'Saludo', body: 'Hola {{contact.first_name}}, soy {{agent.first_name}}. ¿En qué te ayudo?', scope: 'workspace' }],
      ['closing-categories', { name: 'Venta' }],
    ] as const) {
      const created = await request.post(`${server.url}/api/v1/${path}`, { data });
      expect(created.status(), `${path}: ${await created.text()}`).toBeLessThan(300);
    }
    // Pedro signs in through the login screen, as every morning.
    const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 720 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => pageErrors.push(err.message));
    brunoPage = await bruno.context.newPage();
    brunoPage.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an agent signs in and a customer message appears live in the inbox', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Correo electrónico').fill('pedro@optica.test');
    await page.getByLabel(/^Contraseña/).fill('pedro@optica.test-clave');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL('**/conversations');
    await page.getByTestId('conversations-empty').waitFor();
    await page.locator('[data-testid=inbox-live][data-status=live]').waitFor();
    await brunoPage.goto(`${server.url}/conversations`);
    await brunoPage.locator('[data-testid=inbox-live][data-status=live]').waitFor();

    const sent = Date.now();
    ({ conversationId } = await customerSays(server, channel, LUIS, 'Hola, ¿tienen lentes de contacto?'));
    await page.getByTestId('conversation-row').filter({ hasText: 'Luis Gómez' }).waitFor();
    const elapsed = Date.now() - sent;
    console.log(`customer message shown in the inbox ${elapsed} ms after the POST`);
    expect(elapsed).toBeLessThan(2_000);
    await screenshot(page, 'golden-1-arrived');
  });

  it('the agent opens it, takes it and replies with a snippet', async () => {
    await page.getByTestId('conversation-row').filter({ hasText: 'Luis Gómez' }).click();
    await page.waitForURL(`**/conversations/${conversationId}*`);
    await page.getByTestId('timeline').getByText('Hola, ¿tienen lentes de contacto?').waitFor();
    await page.getByTestId('action-take').click();
    await expect.poll(() => page.getByTestId('conversation-status').textContent()).toContain('Abierta');

    const input = page.getByTestId('composer-input');
    await input.click();
    await input.pressSequentially('/salu');
    await page.getByRole('option', { name: /saludo/i }).waitFor();
    await input.press('Enter');
    await expect.poll(() => input.inputValue()).toBe('Hola Luis, soy Pedro. ¿En qué te ayudo?');
    await input.press('Enter');
    await page.getByTestId('timeline-message').filter({ hasText: 'Hola Luis, soy Pedro. ¿En qué te ayudo?' }).waitFor();
    expect(await input.inputValue()).toBe('');
    // 1280×720: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'golden-2-replied');
  });

  it('a private note @mentions a teammate, who is notified in his own browser', async () => {
    await page.getByTestId('composer').getByText('Nota privada', { exact: true }).click();
    const input = page.getByTestId('composer-input');
    await input.click();
    await input.pressSequentially('@Bru');
    await page.getByRole('option', { name: /Bruno Díaz/ }).waitFor();
    await input.press('Enter');
    await input.pressSequentially('¿tenemos stock de lentes tóricos?');
    await input.press('Enter');
    await page.getByTestId('timeline-note').filter({ hasText: '@Bruno Díaz ¿tenemos stock de lentes tóricos?' }).waitFor();

    const bell = brunoPage.getByTestId('notification-bell');
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 5_000 }).toBe('Notificaciones: 1 sin leer');
    await bell.click();
    const item = brunoPage.getByTestId('notification-item').first();
    await item.waitFor();
    expect(await item.textContent()).toContain('Pedro León');
    await screenshot(brunoPage, 'golden-3-mention-notified');
    await brunoPage.keyboard.press('Escape');
    await page.getByTestId('composer').getByText('Responder', { exact: true }).click();
  });

  it('snoozes until the customer replies, and the reply brings it back', async () => {
    await page.getByTestId('action-snooze').click();
    await page.getByRole('menuitem', { name: 'Hasta que el cliente responda' }).click();
    await expect.poll(() => page.getByTestId('conversation-status').textContent()).toContain('Pospuesta');
    await screenshot(page, 'golden-4-snoozed');

    await customerSays(server, channel, LUIS, 'Sí, los de la marca Acuvue por favor');
    await page.getByTestId('timeline').getByText('Sí, los de la marca Acuvue por favor').waitFor();
    await expect.poll(() => page.getByTestId('conversation-status').textContent()).toContain('Abierta');
  });

  it('closes with a closing note', async () => {
    await page.getByTestId('action-close').click();
    await page.getByTestId('close-category').click();
    await page.getByRole('option', { name: 'Venta' }).click();
    await page.getByTestId('close-summary').fill('Pidió lentes Acuvue; se le envió la cotización.');
    await page.getByTestId('close-submit').click();
    await expect.poll(() => page.getByTestId('conversation-status').textContent()).toContain('Cerrada');
    await page.getByTestId('composer-closed').waitFor();
    await screenshot(page, 'golden-5-closed');

    const saved = await (await owner.context.request.get(`${server.url}/api/v1/conversations/${conversationId}`)).json();
    expect(saved).toMatchObject({ status: 'closed', closingNote: { category: 'Venta', summary: 'Pidió lentes Acuvue; se le envió la cotización.' } });
    expect(pageErrors).toEqual([]);
  });

  it('after a network drop it resumes from its last event: what arrived meanwhile shows once, in order', async () => {
    await page.goto(`${server.url}/conversations?status=all`);
    const live = page.getByTestId('inbox-live');
    await page.locator('[data-testid=inbox-live][data-status=live]').waitFor();
    await page.context().setOffline(true);
    await expect.poll(() => live.getAttribute('data-status'), { timeout: 40_000 }).not.toBe('live');

    const rosa = { externalId: 'rosa-1', name: 'Rosa Medina' };
    const texts = ['Buenas tardes', '¿Abren el domingo?', 'Necesito cambiar mis lentes'];
    let id = 0;
    for (const text of texts) id = (await customerSays(server, channel, rosa, text)).conversationId;
    await screenshot(page, 'golden-6-offline');

    await page.context().setOffline(false);
    await page.locator('[data-testid=inbox-live][data-status=live]').waitFor({ timeout: 40_000 });
    const row = page.getByTestId('conversation-row').filter({ hasText: 'Rosa Medina' });
    await row.waitFor();
    expect(await row.count()).toBe(1);
    await row.click();
    await page.waitForURL(`**/conversations/${id}*`);
    await page.getByTestId('timeline').getByText(texts[2]).waitFor();
    const shown = await page.getByTestId('timeline-message').allTextContents();
    expect(texts.map((text) => shown.filter((s) => s.includes(text)).length)).toEqual([1, 1, 1]);
    expect(texts.map((text) => shown.findIndex((s) => s.includes(text)))).toEqual([0, 1, 2]);
    await screenshot(page, 'golden-7-resumed');
    expect(pageErrors).toEqual([]);
  });
});
