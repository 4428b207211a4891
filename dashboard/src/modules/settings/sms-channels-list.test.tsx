// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ChannelsSettings } from './channels-settings';
import type { Channel } from './channels.api';
import { fakeApi, renderWithApp } from './test-kit';

const channel = (id: number, type: string, name: string, templates: boolean): Channel => ({
  id, type, name, config: {}, defaultTeamId: null, botEnabled: false, active: true, hasSecret: true,
  webhookUrl: `https://atiende.example/hooks/${type}/${id}`, createdAt: '2025-01-01T00:00:00.000Z', capabilities: { templates },
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('SMS and WhatsApp-through-Twilio channels in the list', () => {
  it('each can be tested; only the one with templates (by its capabilities) synchronises them', async () => {
    const api = fakeApi({
      'GET /channels': () => ({ body: { items: [channel(3, 'twilio', 'SMS Madrid', false), channel(4, 'twilio_whatsapp', 'WhatsApp Madrid', true), channel(5, 'vonage', 'SMS Londres', false)], nextCursor: null } }),
      'GET /teams': () => ({ body: { items: [], nextCursor: null } }),
      'POST /channels/3/connect': () => ({ body: { status: 'connected' } }),
      'POST /channels/5/connect': () => ({ body: { status: 'failed', error: 'Vonage refused the application with this private key (unauthorized: Unauthorized)' } }),
      'POST /channels/4/templates/sync': () => ({ body: { items: [{ sendable: true }, { sendable: false }], syncedAt: '2026-03-02T15:00:00.000Z' } }),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ChannelsSettings />);
    const rows = await screen.findAllByTestId('channel-row');
    const row = (name: string) => rows.find((r) => r.textContent?.includes(name))!;
    expect(row('WhatsApp Madrid').textContent).toContain('WhatsApp (Twilio)');
    expect(within(row('SMS Madrid')).queryByRole('button', { name: 'Sincronizar plantillas' })).toBeNull();
    expect(within(row('SMS Londres')).queryByRole('button', { name: 'Sincronizar plantillas' })).toBeNull();

    await user.click(within(row('SMS Madrid')).getByRole('button', { name: 'Probar conexión' }));
    expect(await screen.findByText('Conexión correcta: Twilio acepta el Account SID y el auth token.')).toBeTruthy();
    await user.click(within(row('SMS Londres')).getByRole('button', { name: 'Probar conexión' }));
    expect(await screen.findByText('No se pudo conectar: Vonage refused the application with this private key (unauthorized: Unauthorized)')).toBeTruthy();

    await user.click(within(row('WhatsApp Madrid')).getByRole('button', { name: 'Sincronizar plantillas' }));
    expect(await screen.findByText('2 plantillas sincronizadas (1 se pueden enviar).')).toBeTruthy();
    expect(api.writes().map((w) => w.path)).toEqual(['/channels/3/connect', '/channels/5/connect', '/channels/4/templates/sync']);
  });
});
