// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TeamRoutingModal } from './team-routing-modal';
import type { Team } from './teams.api';
import { fakeApi, renderWithApp } from './test-kit';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const team: Team = {
  id: 5,
  name: 'Ventas',
  description: '',
  memberIds: [1, 2],
  createdAt: '2026-11-01T00:00:00.000Z',
  routing: { policy: 'manual', assignStatuses: ['online'], maxPerAgent: null, reassignAfterMinutes: null, returnWhenOffline: false, businessHours: null },
};

describe('team routing modal', () => {
  it('switches the team to round robin with a limit per agent and a reassignment time, and saves the whole routing', async () => {
    const api = fakeApi({
      'GET /teams/5/form': () => ({ body: { teamId: 5, fields: [] } }),
      'PATCH /teams/5': (req) => ({ body: { team: { ...team, routing: (req.body as { routing: Team['routing'] }).routing } } }),
    });
    const onClose = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderWithApp(<TeamRoutingModal team={team} onClose={onClose} />);

    // Options that only apply to automatic assignment are off while the team is manual.
    expect((screen.getByLabelText('Máximo de conversaciones abiertas por agente en este equipo') as HTMLInputElement).disabled).toBe(true);
    await user.click(screen.getByTestId('team-policy'));
    await user.click(await screen.findByRole('option', { name: 'Por turnos (round robin)', hidden: true }));
    await user.click(screen.getByRole('checkbox', { name: 'Ausente' }));
    await user.type(screen.getByLabelText('Máximo de conversaciones abiertas por agente en este equipo'), '5');
    await user.type(screen.getByLabelText('Reasignar si el agente no responde en (minutos)'), '10');
    await user.click(screen.getByRole('switch', { name: /Devolver a la cola/ }));
    await user.click(screen.getAllByRole('button', { name: 'Guardar' })[0]!);

    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]!.body).toEqual({
      routing: { policy: 'round_robin', assignStatuses: ['online', 'away'], maxPerAgent: 5, reassignAfterMinutes: 10, returnWhenOffline: true, businessHours: null },
    });
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it('does not save without a status to assign to', async () => {
    const api = fakeApi({ 'GET /teams/5/form': () => ({ body: { teamId: 5, fields: [] } }) });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<TeamRoutingModal team={{ ...team, routing: { ...team.routing, policy: 'least_busy' } }} onClose={() => {}} />);
    await user.click(screen.getByRole('checkbox', { name: 'En línea' }));
    expect(screen.getByText('Elige al menos un estado')).toBeTruthy();
    await user.click(screen.getAllByRole('button', { name: 'Guardar' })[0]!);
    expect(api.writes()).toEqual([]);
  });
});
