// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { meKey, type Me } from '../../app/auth';
import { i18n } from '../../i18n/i18n';
import { fakeApi, renderWithApp } from '../settings/test-kit';
import { ProfilePage } from './profile-page';
import { defaultPreferences, type Profile } from './profile.api';

const profile: Profile = {
  id: 1,
  email: 'ana@optica.example',
  name: 'Ana Pérez',
  avatarUrl: null,
  language: 'es',
  notificationPreferences: defaultPreferences,
  status: 'online',
};

function server() {
  let current = structuredClone(profile);
  return fakeApi({
    'GET /profile': () => ({ body: { user: current } }),
    'PATCH /profile': (req) => {
      const body = req.body as Record<string, unknown> & { notificationPreferences?: Record<string, object> };
      if (body.currentPassword !== undefined && body.currentPassword !== 'clave-actual-1') {
        return { status: 403, body: { error: { code: 'forbidden', message: 'wrong', details: [{ field: 'body.currentPassword', message: 'wrong password' }] } } };
      }
      const { currentPassword: _c, newPassword: _n, notificationPreferences, ...rest } = body;
      const prefs = structuredClone(current.notificationPreferences) as unknown as Record<string, Record<string, boolean>>;
      for (const [type, change] of Object.entries(notificationPreferences ?? {})) Object.assign(prefs[type]!, change);
      current = { ...current, ...rest, notificationPreferences: prefs as unknown as Profile['notificationPreferences'] };
      return { body: { user: current } };
    },
  });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  void i18n.changeLanguage('es');
});

describe('profile page', () => {
  it('renames the person and the header follows', async () => {
    const api = server();
    const user = userEvent.setup({ delay: null });
    const { queryClient } = renderWithApp(<ProfilePage />);
    const name = await screen.findByLabelText(/^Nombre/);
    await user.clear(name);
    await user.click(screen.getByRole('button', { name: 'Guardar nombre' }));
    expect(await screen.findByText('Este campo es obligatorio')).toBeTruthy();
    await user.type(name, 'Ana María Pérez');
    await user.click(screen.getByRole('button', { name: 'Guardar nombre' }));
    await waitFor(() => expect(api.writes().map((r) => r.body)).toEqual([{ name: 'Ana María Pérez' }]));
    await waitFor(() => expect(queryClient.getQueryData<Me>(meKey)!.user.name).toBe('Ana María Pérez'));
  });

  it('changes the password: checks the repeat, then names a wrong current password', async () => {
    const api = server();
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ProfilePage />);
    const section = (await screen.findByRole('heading', { name: 'Contraseña' })).closest('section')!;
    await user.type(within(section).getByLabelText(/^Contraseña actual/), 'mala-clave-9');
    await user.type(within(section).getByLabelText(/^Contraseña nueva/), 'clave-nueva-22');
    await user.type(within(section).getByLabelText(/^Repite la contraseña nueva/), 'clave-nueva-23');
    await user.click(within(section).getByRole('button', { name: 'Cambiar contraseña' }));
    expect(await within(section).findByText('Las contraseñas no coinciden')).toBeTruthy();
    expect(api.writes()).toEqual([]);

    const repeat = within(section).getByLabelText(/^Repite la contraseña nueva/);
    await user.clear(repeat);
    await user.type(repeat, 'clave-nueva-22');
    await user.click(within(section).getByRole('button', { name: 'Cambiar contraseña' }));
    expect(await within(section).findByText('La contraseña actual no es correcta')).toBeTruthy();

    const current = within(section).getByLabelText(/^Contraseña actual/);
    await user.clear(current);
    await user.type(current, 'clave-actual-1');
    await user.click(within(section).getByRole('button', { name: 'Cambiar contraseña' }));
    expect(await within(section).findByText('Listo: tu contraseña cambió.')).toBeTruthy();
    expect(api.writes().at(-1)!.body).toEqual({ currentPassword: 'clave-actual-1', newPassword: 'clave-nueva-22' });
    expect((within(section).getByLabelText(/^Contraseña actual/) as HTMLInputElement).value).toBe('');
  });

  it('saves one notification switch at a time, and greys out browser and sound without the bell', async () => {
    const api = server();
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ProfilePage />);
    const mentionsInApp = await screen.findByRole('switch', { name: 'Me mencionan en una nota: En la campana' });
    await user.click(mentionsInApp);
    await waitFor(() => expect(api.writes().map((r) => r.body)).toEqual([{ notificationPreferences: { mentioned: { inApp: false } } }]));
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Me mencionan en una nota: Sonido' }) as HTMLInputElement).disabled).toBe(true));
    expect((screen.getByRole('switch', { name: 'Me asignan una conversación: Sonido' }) as HTMLInputElement).disabled).toBe(false);
  });

  it('applies a new language at once and saves it in the profile', async () => {
    const api = server();
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ProfilePage />);
    await user.click((await screen.findAllByLabelText(/^Idioma/))[0]!);
    await user.click(await screen.findByRole('option', { name: 'English', hidden: true }));
    expect(await screen.findByRole('heading', { name: 'My profile' })).toBeTruthy();
    await waitFor(() => expect(api.writes().map((r) => r.body)).toEqual([{ language: 'en' }]));
  });
});
