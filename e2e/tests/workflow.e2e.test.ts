import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserTestsSkipped } from '../support/chromium.js';
import type { RunningServer } from '../support/server.js';
import { startServerAndBrowser } from '../support/stack.js';
import { screenshot } from '../support/artifacts.js';
import { okJson, createApiChannel, customerSays, setUpWorkspace, type Agent, type ApiChannel } from '../support/workspace.js';

const TIMEZONE = 'America/Lima';
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const AWAY_TEXT = 'Gracias por escribir a Óptica Central. Estamos fuera del horario de atención: te responderemos apenas abramos.';

/** Open only on the weekday two days from now in `timeZone`: closed today and tomorrow, so a run crossing midnight still sees it closed. */
function hoursClosedNow(timeZone: string) {
  const today = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(new Date()).toLowerCase().slice(0, 3);
  const openDay = WEEKDAYS[(WEEKDAYS.indexOf(today as (typeof WEEKDAYS)[number]) + 2) % 7];
  return { timezone: timeZone, days: { [openDay]: [{ from: '09:00', to: '17:00' }] }, holidays: [], awayMessage: '' };
}

interface Delivery {
  text: string;
  conversationId: number;
  signedCorrectly: boolean;
}

/** Where the API channel POSTs replies: a local receiver that keeps each one and checks its signature. */
async function startReplyReceiver(secret: () => string) {
  const deliveries: Delivery[] = [];
  const receiver = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const expected = `sha256=${crypto.createHmac('sha256', secret()).update(raw).digest('hex')}`;
      const body = JSON.parse(raw) as { text: string; conversationId: number };
      deliveries.push({ text: body.text, conversationId: body.conversationId, signedCorrectly: req.headers['x-atiende-signature'] === expected });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/replies`;
  return { url, deliveries, close: () => new Promise<void>((resolve) => receiver.close(() => resolve())) };
}

/**
 * Issue 6's browser test: an admin builds the out-of-hours workflow in the editor (message received → branch
 * "business hours of Soporte are closed" → send the away message), publishes it, and a customer who writes
 * while Soporte is closed receives the away message on the channel and sees it in the conversation.
 */
describe.skipIf(browserTestsSkipped())('the out-of-hours workflow, built in the editor', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: Agent;
  let channel: ApiChannel;
  let receiver: Awaited<ReturnType<typeof startReplyReceiver>>;
  let page: Page;
  let workflowId: number;
  let soporte: number;
  let published = false;
  const pageErrors: string[] = [];


  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    receiver = await startReplyReceiver(() => channel.secret);
    owner = await setUpWorkspace(server, browser, 'Óptica Central');
    const request = owner.context.request;
    soporte = (await okJson(await request.post(`${server.url}/api/v1/teams`, { data: { name: 'Soporte' } }))).team.id;
    await okJson(await request.patch(`${server.url}/api/v1/teams/${soporte}`, { data: { routing: { businessHours: hoursClosedNow(TIMEZONE) } } }));
    channel = await createApiChannel(server, owner, 'Tienda web');
    await okJson(await request.patch(`${server.url}/api/v1/channels/${channel.id}`, { data: { defaultTeamId: soporte, config: { outboundUrl: receiver.url } } }));
    page = await owner.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => pageErrors.push(err.message));
  });

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await server?.stop();
  });

  it('the admin creates a blank workflow, builds the out-of-hours branch and publishes it', async () => {
    await page.goto(`${server.url}/workflows`);
    await page.getByRole('button', { name: 'Nuevo flujo' }).click({ timeout: 30_000 }); // the first render loads the lazy page
    const modal = page.getByRole('dialog', { name: 'Nuevo flujo' });
    expect(await modal.getByRole('radio', { name: 'En blanco' }).isChecked()).toBe(true);
    await modal.getByLabel('Nombre').fill('Aviso fuera de horario');
    await modal.getByRole('button', { name: 'Crear' }).click();
    await page.waitForURL(/\/workflows\/\d+$/);
    workflowId = Number(new URL(page.url()).pathname.split('/').pop());

    // The trigger: every customer message.
    const trigger = page.getByTestId('trigger-card');
    await trigger.getByRole('combobox', { name: 'Cuándo empieza' }).click();
    await page.getByRole('option', { name: 'Llega un mensaje', exact: true }).click();
    await trigger.getByText('Cada mensaje del cliente', { exact: false }).waitFor();

    // A branch whose only branch runs when Soporte's hours are closed.
    await page.getByRole('button', { name: 'Añadir paso en «Pasos»' }).click();
    await page.getByRole('menuitem', { name: 'Condición' }).click();
    const panel = page.getByTestId('step-panel');
    await panel.getByRole('textbox', { name: 'Nombre de la rama 1' }).fill('Cerrado');
    await panel.getByRole('button', { name: '+ Añadir condición' }).click();
    await panel.getByRole('combobox', { name: 'Condición 1', exact: true }).click();
    await page.getByRole('option', { name: 'Horario de atención', exact: true }).click();
    await panel.getByRole('combobox', { name: 'Abierto o cerrado' }).click();
    await page.getByRole('option', { name: 'cerrado', exact: true }).click();
    await panel.getByRole('combobox', { name: 'Equipo', exact: true }).click();
    await page.getByRole('option', { name: 'Soporte', exact: true }).click();
    await panel.getByRole('button', { name: 'Listo' }).click();
    await panel.waitFor({ state: 'detached' });

    // Inside that branch, the away message.
    await page.getByRole('button', { name: 'Añadir paso en «Rama Cerrado»' }).click();
    await page.getByRole('menuitem', { name: 'Enviar mensaje' }).click();
    await panel.getByRole('textbox', { name: 'Mensaje', exact: true }).fill(AWAY_TEXT);
    await panel.getByRole('button', { name: 'Listo' }).click();
    await panel.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Guardar', exact: true }).click();
    await page.getByTestId('unsaved').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Publicar', exact: true }).click();
    await page.getByTestId('workflow-version').getByText('Versión publicada: 1').waitFor();
    await expect.poll(() => page.getByTestId('editor-error').count()).toBe(0);
    await screenshot(page, 'workflow-1-out-of-hours-published');

    // What the editor built is what the issue describes.
    const workflow = await okJson(await owner.context.request.get(`${server.url}/api/v1/workflows/${workflowId}`));
    expect(workflow).toMatchObject({ status: 'published', version: 1, hasUnpublishedChanges: false });
    expect(workflow.published.trigger).toMatchObject({ type: 'message_received', keywords: [] });
    expect(workflow.published.steps).toHaveLength(1);
    expect(workflow.published.steps[0]).toMatchObject({
      type: 'branch',
      branches: [{ name: 'Cerrado', conditions: [{ kind: 'business_hours', operator: 'is', value: 'closed', teamId: soporte }], steps: [{ type: 'send_message', message: { kind: 'text', text: AWAY_TEXT } }] }],
      else: [],
    });
    published = true;
  });

  it('a customer who writes while Soporte is closed receives the away message', async () => {
    expect(published, 'the previous test built and published the workflow').toBe(true);
    const { conversationId } = await customerSays(server, channel, { externalId: 'c-31', name: 'Marta Ríos' }, 'Hola, ¿tienen lentes de contacto tóricos?');

    await expect.poll(() => receiver.deliveries.find((d) => d.text === AWAY_TEXT), { timeout: 30_000, interval: 200 }).toBeDefined();
    const delivery = receiver.deliveries.find((d) => d.text === AWAY_TEXT)!;
    expect(delivery).toMatchObject({ conversationId, signedCorrectly: true });
    expect(receiver.deliveries.filter((d) => d.text === AWAY_TEXT)).toHaveLength(1);

    await page.goto(`${server.url}/conversations/${conversationId}`);
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('Hola, ¿tienen lentes de contacto tóricos?').waitFor({ timeout: 30_000 });
    await timeline.getByText(AWAY_TEXT).waitFor();
    await screenshot(page, 'workflow-2-away-message-in-timeline');
    expect(pageErrors).toEqual([]);
  });
});
