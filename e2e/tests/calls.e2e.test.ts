import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserTestsSkipped } from '../support/chromium.js';
import type { RunningServer } from '../support/server.js';
import { startServerAndBrowser } from '../support/stack.js';
import { screenshot } from '../support/artifacts.js';
import { setUpWorkspace, type Agent } from '../support/workspace.js';

const at = (minute: number) => `2026-11-20T14:${String(minute).padStart(2, '0')}:00.000Z`;

describe.skipIf(browserTestsSkipped())('phone calls from the IVR (seed 001)', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: Agent;
  let page: Page;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    owner = await setUpWorkspace(server, browser, 'Óptica Central');
    const posted = await owner.context.request.post(`${server.url}/api/v1/calls`, {
      data: {
        calls: [
          {
            callId: 'pbx-1001', from: '+584121110001', to: '+582125550000', startedAt: at(0), endedAt: at(4), callerName: 'Luis Gómez',
            reason: 'Cotización', city: 'Caracas', outcome: 'atendida', transcript: 'Quiero cotizar unos lentes progresivos.',
            ivrPath: [
              { menu: 'Principal', prompt: 'Para ventas marque 1', choice: '1', at: at(0) },
              { menu: 'Ventas', prompt: 'Para cotizaciones marque 2', choice: '2', at: at(1) },
            ],
          },
          { callId: 'pbx-1002', from: '+584121110002', to: '+582125550000', startedAt: at(10), endedAt: at(12), reason: 'Garantía', city: 'Valencia' },
        ],
      },
    });
    expect(posted.status(), await posted.text()).toBeLessThan(300);
    page = await owner.context.newPage();
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the calls, shows one call\'s IVR flow step by step, and closes it', async () => {
    await page.goto(`${server.url}/conversations`);
    await page.getByRole('banner').getByRole('link', { name: 'Llamadas' }).click();
    await page.waitForURL('**/calls');
    const table = page.getByTestId('calls-table');
    await table.getByText('Luis Gómez').first().waitFor();
    await table.getByText('+584121110002').first().waitFor();
    await table.getByRole('button', { name: 'Ver pbx-1001' }).click();
    await page.getByText('Flujo en el IVR').waitFor();
    for (const text of ['Para ventas marque 1', 'Para cotizaciones marque 2', 'Quiero cotizar unos lentes progresivos.']) await page.getByText(text).waitFor();
    await screenshot(page, 'call-flow');
    await page.getByRole('dialog').getByRole('button', { name: 'Cerrar', exact: true }).click();
    await expect.poll(async () => (await (await owner.context.request.get(`${server.url}/api/v1/calls?status=closed`)).json()).items.length).toBe(1);
  });

  it('counts the calls by reason and filters the list by one', async () => {
    await page.goto(`${server.url}/calls`);
    await page.getByRole('tab', { name: 'Llamadas ventas por motivo' }).click();
    const byReason = page.getByTestId('calls-by-reason');
    await byReason.getByRole('button', { name: 'Garantía' }).click();
    await page.getByTestId('calls-table').getByText('+584121110002').first().waitFor();
    await expect.poll(() => page.getByTestId('calls-table').getByText('Luis Gómez').count()).toBe(0);
    await screenshot(page, 'calls-by-reason');
  });
});
