// @vitest-environment happy-dom
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BusinessHoursEditor, businessHoursValid, dayProblem, type BusinessHours } from './business-hours-editor';
import { renderWithProviders } from './test-kit';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The editor inside a parent that keeps its value, as the channel and team forms do; `changes` sees every value. */
function Harness({ initial, changes }: { initial: BusinessHours | null; changes: (v: BusinessHours | null) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <BusinessHoursEditor
      value={value}
      onChange={(v) => {
        changes(v);
        setValue(v);
      }}
    />
  );
}

const render = (initial: BusinessHours | null) => {
  const changes = vi.fn<(v: BusinessHours | null) => void>();
  renderWithProviders(<Harness initial={initial} changes={changes} />);
  return { changes, last: () => changes.mock.calls.at(-1)![0] };
};

const santiago: BusinessHours = {
  timezone: 'America/Santiago',
  days: { mon: [{ from: '09:00', to: '13:00' }, { from: '14:00', to: '18:00' }], sat: [{ from: '10:00', to: '14:00' }] },
  holidays: ['2026-09-18'],
  awayMessage: 'Volvemos el lunes',
};

describe('BusinessHoursEditor', () => {
  it('always open is null; turning it off starts from weekdays 09:00-18:00 in the workspace time zone', async () => {
    const user = userEvent.setup({ delay: null });
    const { last } = render(null);
    const alwaysOpen = screen.getByRole('switch', { name: /^Siempre abierto/ }) as HTMLInputElement;
    expect(alwaysOpen.checked).toBe(true);
    expect(screen.queryByRole('combobox', { name: 'Zona horaria' })).toBeNull();
    await user.click(alwaysOpen);
    expect(last()).toEqual({
      timezone: 'America/Caracas',
      days: { mon: [{ from: '09:00', to: '18:00' }], tue: [{ from: '09:00', to: '18:00' }], wed: [{ from: '09:00', to: '18:00' }], thu: [{ from: '09:00', to: '18:00' }], fri: [{ from: '09:00', to: '18:00' }] },
      holidays: [],
      awayMessage: '',
    });
    const zone = screen.getByRole('combobox', { name: 'Zona horaria' }) as HTMLInputElement;
    expect(zone.value).toBe('America/Caracas');
    await user.click(zone);
    await user.clear(zone);
    await user.type(zone, 'Madrid');
    await user.click(await screen.findByRole('option', { name: 'Europe/Madrid', hidden: true }));
    expect(last()!.timezone).toBe('Europe/Madrid');
    expect(within(screen.getByTestId('business-hours-sat')).getByText('Cerrado')).toBeTruthy();
    await user.click(screen.getByRole('switch', { name: /^Siempre abierto/ }));
    expect(last()).toBeNull();
  });

  it('shows a stored schedule and edits a range, adds one and removes one', async () => {
    const user = userEvent.setup({ delay: null });
    const { last } = render(santiago);
    expect((screen.getByLabelText('Lunes: desde (horario 2)') as HTMLInputElement).value).toBe('14:00');
    fireEvent.change(screen.getByLabelText('Lunes: hasta (horario 2)'), { target: { value: '19:30' } });
    expect(last()!.days.mon).toEqual([{ from: '09:00', to: '13:00' }, { from: '14:00', to: '19:30' }]);

    await user.click(screen.getByRole('button', { name: 'Añadir horario el Domingo' }));
    expect(last()!.days.sun).toEqual([{ from: '09:00', to: '18:00' }]);
    await user.click(screen.getByRole('button', { name: 'Añadir horario el Sábado' }));
    expect(last()!.days.sat).toEqual([{ from: '10:00', to: '14:00' }, { from: '15:00', to: '16:00' }]);

    await user.click(screen.getByRole('button', { name: 'Quitar el horario 1 del Lunes' }));
    expect(last()!.days.mon).toEqual([{ from: '14:00', to: '19:30' }]);
    expect(last()).toMatchObject({ timezone: 'America/Santiago', holidays: ['2026-09-18'], awayMessage: 'Volvemos el lunes' });
  });

  it('00:00 as an end means midnight (24:00), and is shown as 00:00', () => {
    const { last } = render(santiago);
    fireEvent.change(screen.getByLabelText('Sábado: hasta (horario 1)'), { target: { value: '00:00' } });
    expect(last()!.days.sat).toEqual([{ from: '10:00', to: '24:00' }]);
    expect((screen.getByLabelText('Sábado: hasta (horario 1)') as HTMLInputElement).value).toBe('00:00');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('copies Monday to the other weekdays, leaving the weekend alone', async () => {
    const user = userEvent.setup({ delay: null });
    const { last } = render(santiago);
    await user.click(screen.getByRole('button', { name: 'Copiar el lunes a los días laborables' }));
    const split = [{ from: '09:00', to: '13:00' }, { from: '14:00', to: '18:00' }];
    expect(last()!.days).toEqual({ mon: split, tue: split, wed: split, thu: split, fri: split, sat: [{ from: '10:00', to: '14:00' }] });
  });

  it('says which day is wrong: an end before its start, overlapping ranges', () => {
    render(santiago);
    fireEvent.change(screen.getByLabelText('Lunes: desde (horario 2)'), { target: { value: '12:00' } });
    expect(screen.getByRole('alert').textContent).toBe('Lunes: los horarios se superponen');
    fireEvent.change(screen.getByLabelText('Lunes: desde (horario 2)'), { target: { value: '19:00' } });
    expect(screen.getByRole('alert').textContent).toBe('Lunes: cada horario debe terminar después de empezar');
  });

  it('adds holidays in date order without repeats, and removes them', async () => {
    const user = userEvent.setup({ delay: null });
    const { last } = render(santiago);
    const date = screen.getByLabelText('Fecha del feriado');
    fireEvent.change(date, { target: { value: '2026-05-21' } });
    await user.click(screen.getByRole('button', { name: 'Añadir feriado' }));
    expect(last()!.holidays).toEqual(['2026-05-21', '2026-09-18']);
    fireEvent.change(date, { target: { value: '2026-09-18' } });
    await user.click(screen.getByRole('button', { name: 'Añadir feriado' }));
    expect(last()!.holidays).toEqual(['2026-05-21', '2026-09-18']);
    await user.click(screen.getByRole('button', { name: 'Quitar el feriado 2026-09-18' }));
    expect(last()!.holidays).toEqual(['2026-05-21']);
    expect(screen.getAllByTestId('business-hours-holiday').map((e) => e.textContent)).toEqual(['2026-05-21×']);
  });

  it('edits the away message, and keeps the schedule when switched to always open and back', async () => {
    const user = userEvent.setup({ delay: null });
    const { last } = render(santiago);
    const away = screen.getByLabelText(/^Mensaje de ausencia/);
    await user.clear(away);
    await user.click(away);
    await user.paste('Estamos cerrados; le respondemos a las 9:00.');
    expect(last()!.awayMessage).toBe('Estamos cerrados; le respondemos a las 9:00.');
    await user.click(screen.getByRole('switch', { name: /^Siempre abierto/ }));
    expect(last()).toBeNull();
    await user.click(screen.getByRole('switch', { name: /^Siempre abierto/ }));
    expect(last()).toEqual({ ...santiago, awayMessage: 'Estamos cerrados; le respondemos a las 9:00.' });
  });
});

describe('validation helpers', () => {
  it('accepts ranges that touch, refuses overlaps and backwards ranges', () => {
    expect(dayProblem([{ from: '09:00', to: '13:00' }, { from: '13:00', to: '18:00' }])).toBeNull();
    expect(dayProblem([{ from: '14:00', to: '18:00' }, { from: '09:00', to: '14:30' }])).toBe('overlap');
    expect(dayProblem([{ from: '18:00', to: '09:00' }])).toBe('order');
    expect(dayProblem([{ from: '', to: '09:00' }])).toBe('order');
    expect(businessHoursValid(null)).toBe(true);
    expect(businessHoursValid(santiago)).toBe(true);
    expect(businessHoursValid({ ...santiago, days: { fri: [{ from: '10:00', to: '10:00' }] } })).toBe(false);
  });
});
