import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserTestsSkipped } from '../support/chromium.js';
import type { RunningServer } from '../support/server.js';
import { startServerAndBrowser } from '../support/stack.js';
import { screenshot } from '../support/artifacts.js';
import { okJson, addAgent, createApiChannel, customerSays, setUpWorkspace, type Agent, type ApiChannel } from '../support/workspace.js';

/**
 * Issue 5's browser test (seed 004): a supervisor transfers a conversation to another team with a reason; an
 * agent of that team sees it arrive in the queue, takes it, fills the team's required form (closing asks for it
 * first) and closes it with a closing note; the transfers report lists the transfer.
 */
describe.skipIf(browserTestsSkipped())('transfer to another team, its form, and the transfers report', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: Agent;
  let supervisor: Agent;
  let agent: Agent;
  let channel: ApiChannel;
  let ventas: number;
  let garantias: number;
  let conversationId: number;
  let supervisorPage: Page;
  let agentPage: Page;
  const pageErrors: string[] = [];


  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    owner = await setUpWorkspace(server, browser, 'Óptica Central');
    const post = (url: string, data: unknown) => owner.context.request.post(`${server.url}${url}`, { data });
    ventas = (await okJson(await post('/api/v1/teams', { name: 'Ventas' }))).team.id;
    garantias = (await okJson(await post('/api/v1/teams', { name: 'Garantías' }))).team.id;
    await okJson(await owner.context.request.put(`${server.url}/api/v1/teams/${garantias}/form`, {
      data: { fields: [
        { key: 'pedido', label: 'Número de pedido', type: 'text', options: [], required: true },
        { key: 'motivo', label: 'Motivo', type: 'select', options: ['Cambio', 'Reparación'], required: true },
      ] },
    }));
    await okJson(await post('/api/v1/closing-categories', { name: 'Garantía aprobada' }));
    supervisor = await addAgent(server, browser, owner, { name: 'Sofía Márquez', email: 'sofia@optica.test', role: 'supervisor', teamIds: [ventas] });
    agent = await addAgent(server, browser, owner, { name: 'Gabriel Soto', email: 'gabriel@optica.test', accessLevel: 'team', teamIds: [garantias] });
    channel = await createApiChannel(server, owner, 'Tienda web');
    await okJson(await owner.context.request.patch(`${server.url}/api/v1/channels/${channel.id}`, { data: { defaultTeamId: ventas } }));
    ({ conversationId } = await customerSays(server, channel, { externalId: 'c-77', name: 'Rosa Pinto' }, 'Mis lentes llegaron rayados, quiero la garantía'));
    for (const who of [supervisor, agent]) {
      const page = await who.context.newPage();
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (err) => pageErrors.push(err.message));
      if (who === supervisor) supervisorPage = page;
      else agentPage = page;
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the supervisor transfers it to Garantías with a reason; the Garantías agent sees it arrive in the queue', async () => {
    await agentPage.goto(`${server.url}/conversations`);
    await agentPage.locator('[data-testid=inbox-live][data-status=live]').waitFor();
    expect(await agentPage.getByTestId('conversation-row').count()).toBe(0); // Ventas' queue is not theirs

    await supervisorPage.goto(`${server.url}/conversations/${conversationId}`);
    await supervisorPage.getByTestId('timeline').getByText('Mis lentes llegaron rayados, quiero la garantía').waitFor();
    await supervisorPage.getByRole('button', { name: 'Asignar…' }).click();
    const dialog = supervisorPage.getByRole('dialog');
    await dialog.getByTestId('assign-team').click();
    await supervisorPage.getByRole('option', { name: 'Garantías' }).click();
    await dialog.getByLabel('Motivo (opcional)').fill('Reclamo de garantía');
    await dialog.getByRole('button', { name: 'Asignar', exact: true }).click();
    await supervisorPage.getByTestId('timeline').getByText(/transfirió la conversación a la cola de Garantías/).waitFor();

    const row = agentPage.getByTestId('conversation-row').filter({ hasText: 'Rosa Pinto' });
    await row.waitFor();
    await screenshot(agentPage, 'transfer-1-arrived-in-queue');
  });

  it('the agent takes it; closing asks for the team form first; filled, it closes with a closing note', async () => {
    await agentPage.getByTestId('conversation-row').filter({ hasText: 'Rosa Pinto' }).click();
    await agentPage.waitForURL(`**/conversations/${conversationId}*`);
    await agentPage.getByTestId('action-take').click();
    await expect.poll(() => agentPage.getByTestId('conversation-status').textContent()).toContain('Abierta');
    const panelToggle = agentPage.getByRole('button', { name: 'Mostrar u ocultar el panel del contacto' });
    // At 1280 px the panel lies over the pane's right side (below the header); it is closed from its own button.
    const showPanel = async (shown: boolean) => {
      const panel = agentPage.getByTestId('contact-panel');
      if ((await panel.isVisible()) === shown) return;
      if (shown) await panelToggle.click();
      else await panel.getByRole('button', { name: 'Cerrar el panel del contacto' }).click();
    };
    const closeWithNote = async () => {
      await agentPage.getByTestId('action-close').click();
      await agentPage.getByTestId('close-category').click();
      await agentPage.getByRole('option', { name: 'Garantía aprobada' }).click();
      await agentPage.getByTestId('close-summary').fill('Se aprobó el cambio de los lentes.');
      await agentPage.getByTestId('close-submit').click();
    };

    // Closing before the form is filled: the dialog names what is missing.
    await showPanel(false);
    await closeWithNote();
    const missing = agentPage.getByTestId('close-form-errors');
    await missing.waitFor();
    expect(await missing.textContent()).toContain('Número de pedido');
    await agentPage.keyboard.press('Escape');

    // The receiving team's form, in the side panel.
    await showPanel(true);
    const form = agentPage.getByTestId('conversation-form');
    await form.getByText('Formulario · Garantías').waitFor();
    await form.getByTestId('form-field-pedido').getByRole('button').click();
    await form.getByRole('textbox', { name: 'Número de pedido' }).fill('A-2045');
    await form.getByRole('textbox', { name: 'Número de pedido' }).press('Enter');
    await form.getByTestId('form-field-pedido').getByText('A-2045').waitFor();
    await form.getByTestId('form-field-motivo').locator('input').first().click();
    await agentPage.getByRole('option', { name: 'Cambio' }).click();
    await expect.poll(async () => (await okJson(await agent.context.request.get(`${server.url}/api/v1/conversations/${conversationId}/form`))).current.values).toEqual({ pedido: 'A-2045', motivo: 'Cambio' });
    await screenshot(agentPage, 'transfer-2-form-filled');

    // With the panel open the header's actions stay reachable (the panel opens below the header).
    await closeWithNote();
    await expect.poll(() => agentPage.getByTestId('conversation-status').textContent()).toContain('Cerrada');
    const saved = await okJson(await owner.context.request.get(`${server.url}/api/v1/conversations/${conversationId}`));
    expect(saved).toMatchObject({ status: 'closed', team: { id: garantias }, closingNote: { category: 'Garantía aprobada', summary: 'Se aprobó el cambio de los lentes.' } });
  });

  it('the transfers report lists the transfer with who, from, to and why', async () => {
    await supervisorPage.goto(`${server.url}/reports/transfers`);
    const row = supervisorPage.getByTestId('transfers-row').filter({ hasText: 'Rosa Pinto' });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    for (const expected of ['Ventas', 'Garantías', 'Sofía Márquez', 'Reclamo de garantía']) expect(text).toContain(expected);
    await screenshot(supervisorPage, 'transfer-3-report');
    expect(pageErrors).toEqual([]);
  });
});
