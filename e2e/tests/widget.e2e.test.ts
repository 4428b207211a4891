import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { browserTestsSkipped } from '../support/chromium.js';
import type { RunningServer } from '../support/server.js';
import { startServerAndBrowser } from '../support/stack.js';
import { screenshot } from '../support/artifacts.js';
import { setUpWorkspace, type Agent } from '../support/workspace.js';

/** A shop's page on another origin (localhost vs the server's 127.0.0.1) that embeds the snippet, as a customer would. */
function startShop(snippet: string): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Óptica Central</title></head><body><h1>Lentes de contacto</h1>${snippet}</body></html>`);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as AddressInfo).port, close: () => new Promise((r) => server.close(() => r())) })));
}

/**
 * The web chat end to end: a page embeds the loader; the visitor fills the pre-chat form and writes; the agent
 * answers from the dashboard; the visitor sees the answer with the agent's name; the agent closes; the visitor
 * rates 4 stars.
 */
describe.skipIf(browserTestsSkipped())('the web chat widget on a customer\'s site', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: Agent;
  let shop: { port: number; close: () => Promise<void> };
  let publicToken: string;
  let visitor: Page;
  let chat: FrameLocator;
  let agentPage: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    owner = await setUpWorkspace(server, browser, 'Óptica Central');
    const created = await owner.context.request.post(`${server.url}/api/v1/channels`, {
      data: {
        type: 'webchat',
        name: 'Óptica Central',
        config: {
          allowedDomains: ['localhost'],
          greeting: '¡Hola! ¿En qué le podemos ayudar?',
          prechat: { enabled: true, fields: [{ key: 'name', label: 'Nombre', required: true }, { key: 'email', label: 'Correo', type: 'email', required: true }] },
          campaigns: [{ id: 'lentes', message: '¿Busca lentes de contacto? Escríbanos', urlPattern: '*/tienda*', secondsOnPage: 1 }],
          color: '#2f9e44',
        },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    publicToken = (await created.json()).config.publicToken;
    shop = await startShop(`<script src="${server.url}/widget/loader.js" data-channel="${publicToken}" async></script>`);
    const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 800 } });
    visitor = await context.newPage();
    visitor.setDefaultTimeout(15_000);
    visitor.on('pageerror', (err) => pageErrors.push(err.message));
    agentPage = await owner.context.newPage();
    agentPage.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await shop?.close();
  });

  it('the snippet adds the bubble in the channel\'s colour and shows the campaign above it', async () => {
    await visitor.goto(`http://localhost:${shop.port}/tienda/lentes`);
    const bubble = visitor.locator('[data-atiende=bubble]');
    await expect.poll(() => bubble.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(47, 158, 68)');
    const campaign = visitor.locator('[data-atiende=campaign]');
    await campaign.getByText('¿Busca lentes de contacto? Escríbanos').waitFor();
    await screenshot(visitor, 'widget-1-campaign');
    await campaign.click();
    chat = visitor.frameLocator('iframe[title="Chat"]');
    await chat.getByText('Antes de empezar, cuéntenos quién es').waitFor();
  });

  it('the visitor fills the pre-chat form and writes; the agent sees it live in the inbox', async () => {
    await chat.getByLabel(/Nombre/).fill('Lucía Gómez');
    await chat.getByLabel(/Correo/).fill('lucia@ejemplo.test');
    await chat.getByRole('button', { name: 'Empezar a chatear' }).click();
    await chat.getByText('¡Hola! ¿En qué le podemos ayudar?').waitFor();
    const input = chat.getByLabel('Escriba un mensaje…');
    await input.fill('Hola, ¿tienen lentes tóricos? ');
    await chat.getByRole('button', { name: 'Emojis' }).click();
    await chat.getByRole('option', { name: '👍' }).click();
    await input.press('Enter');
    await chat.locator('.bubble.visitor').filter({ hasText: 'Hola, ¿tienen lentes tóricos? 👍' }).waitFor();

    await agentPage.goto(`${server.url}/conversations`);
    const row = agentPage.getByTestId('conversation-row').filter({ hasText: 'Lucía Gómez' });
    await row.waitFor();
    await row.click();
    await agentPage.getByTestId('timeline').getByText('Hola, ¿tienen lentes tóricos? 👍').waitFor();
    await screenshot(visitor, 'widget-2-visitor-wrote');
  });

  it('the agent answers from the dashboard and the visitor sees it with the agent\'s name', async () => {
    const input = agentPage.getByTestId('composer-input');
    await input.click();
    await input.fill('¡Hola Lucía! Sí, tenemos Acuvue Oasys para astigmatismo.');
    await input.press('Enter');
    await agentPage.getByTestId('timeline-message').filter({ hasText: 'Acuvue Oasys' }).waitFor();
    const reply = chat.locator('.bubble.agent').filter({ hasText: '¡Hola Lucía! Sí, tenemos Acuvue Oasys para astigmatismo.' });
    await reply.waitFor();
    expect(await reply.locator('.author').textContent()).toBe('Ana Pérez');
    await screenshot(visitor, 'widget-3-agent-replied');
  });

  it('the agent closes; the visitor rates 4 stars with a comment', async () => {
    await agentPage.getByTestId('action-close').click();
    await agentPage.getByTestId('close-submit').click();
    await expect.poll(() => agentPage.getByTestId('conversation-status').textContent()).toContain('Cerrada');

    await chat.getByText('La conversación terminó').waitFor();
    await chat.getByRole('radio', { name: '4 de 5 estrellas' }).click();
    await chat.getByLabel('Comentario (opcional)').fill('Muy amables');
    await chat.getByRole('button', { name: 'Enviar valoración' }).click();
    await chat.getByText('¡Gracias por su valoración!').waitFor();
    await screenshot(visitor, 'widget-4-rated');

    // What was stored, read back as the widget reads it. This browser context blocks storage in third-party
    // frames, so the visitor token lives where the loader keeps it: the shop page's own storage.
    const token = await visitor.evaluate((key) => localStorage.getItem(key), `atiende:${publicToken}`);
    const res = await fetch(`${server.url}/api/v1/widget/messages`, { headers: { 'x-atiende-visitor': token!, 'x-atiende-page': `http://localhost:${shop.port}/` } });
    const stored = await res.json();
    expect(stored.conversations[0]).toMatchObject({ status: 'closed', rating: { score: 4, comment: 'Muy amables' } });
  });

  it('the next visit continues: the earlier conversation is there, rated', async () => {
    await visitor.reload();
    await visitor.locator('[data-atiende=bubble]').click();
    chat = visitor.frameLocator('iframe[title="Chat"]');
    await chat.locator('.bubble.agent').filter({ hasText: 'Acuvue Oasys' }).waitFor();
    await chat.getByText('¡Gracias por su valoración!').waitFor();
    await chat.getByText('Escriba para empezar una nueva conversación.').waitFor();
    await screenshot(visitor, 'widget-5-next-visit');
    expect(pageErrors).toEqual([]);
  });

  it('the chat is not shown on a site outside the allowed domains', async () => {
    const page = await browser.newPage();
    const refused = page.waitForResponse((r) => r.url().includes('/widget/frame.html'));
    await page.goto(`http://127.0.0.1:${shop.port}/tienda`); // 127.0.0.1 is not "localhost"
    expect((await refused).status()).toBe(403);
    await page.close();
  });
});
