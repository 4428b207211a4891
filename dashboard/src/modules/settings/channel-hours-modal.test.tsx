// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ChannelHoursModal } from './channel-hours-modal';
import type { Channel } from './channels.api';
import { fakeApi, renderWithApp } from './test-kit';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const channel: Channel = {
  id: 7, type: 'whatsapp', name: 'WhatsApp Ventas', config: {}, defaultTeamId: null, botEnabled: false, active: true,
  webhookUrl: 'http://x/hooks/whatsapp/7', hasSecret: true, businessHours: null, createdAt: '2026-11-01T00:00:00.000Z',
};

describe('channel hours modal', () => {
  it('gives an always-open channel weekday hours and an away message, and saves them on the channel', async () => {
    const api = fakeApi({ 'PATCH /channels/7': (req) => ({ body: { ...channel, ...(req.body as object) } }) });
    const onClose = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ChannelHoursModal channel={channel} onClose={onClose} />);
    await user.click(screen.getByRole('switch', { name: /^Siempre abierto/ }));
    await user.type(screen.getByRole('textbox', { name: /ausencia/i }), 'Volvemos el lunes a las 9');
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    const { businessHours } = api.writes()[0]!.body as { businessHours: { days: Record<string, unknown[]>; awayMessage: string } };
    expect(businessHours.awayMessage).toBe('Volvemos el lunes a las 9');
    expect(Object.keys(businessHours.days).filter((d) => businessHours.days[d]!.length)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });
});
