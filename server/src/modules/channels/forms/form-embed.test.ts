// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formConfigSchema } from './form-settings.js';
import { formEmbedScript } from './form-embed.js';

const form = formConfigSchema.parse({
  replyChannelId: 1,
  submitLabel: 'Enviar consulta',
  successMessage: 'Gracias <3, te respondemos pronto.',
  fields: [
    { key: 'name', label: '<img src=x onerror="window.hacked=1">Nombre', required: true },
    { key: 'email', label: 'Correo', required: true },
    { key: 'message', label: 'Mensaje' },
    { key: 'motivo', label: 'Motivo', required: true },
    { key: 'acepta', label: 'Acepto' },
  ],
});
const definitions = [
  { key: 'motivo', type: 'select' as const, options: ['Avería', '</script><b>x</b>'], required: false },
  { key: 'acepta', type: 'checkbox' as const, options: [], required: false },
];

/** Runs the served script as the page would, where `<div data-atiende-form>` marks the place. */
function render() {
  document.body.innerHTML = '<main><div data-atiende-form="7"></div></main>';
  const source = formEmbedScript({ channelId: 7, action: 'https://atiende.example/hooks/form/7', form, definitions });
  new Function(source)();
  return document.querySelector('form.atiende-form') as HTMLFormElement;
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('the embedded form', () => {
  it('renders labelled inputs with the admin\'s texts as text, required marks, options, and a hidden honeypot', () => {
    const el = render();
    expect(el.getAttribute('action')).toBe('https://atiende.example/hooks/form/7');
    expect(el.querySelector('img')).toBeNull();
    expect((window as unknown as { hacked?: number }).hacked).toBeUndefined();
    const name = el.querySelector('#atiende-7-name') as HTMLInputElement;
    expect(el.querySelector('label[for="atiende-7-name"]')!.textContent).toBe('<img src=x onerror="window.hacked=1">Nombre *');
    expect(name.hasAttribute('required')).toBe(true);
    expect(name.getAttribute('aria-describedby')).toBe('atiende-7-name-error');
    expect((el.querySelector('#atiende-7-email') as HTMLInputElement).type).toBe('email');
    expect(el.querySelector('#atiende-7-message')!.tagName).toBe('TEXTAREA');
    expect([...el.querySelectorAll('#atiende-7-motivo option')].map((o) => o.textContent)).toEqual(['Elige una opción', 'Avería', '</script><b>x</b>']);
    expect((el.querySelector('#atiende-7-acepta') as HTMLInputElement).type).toBe('checkbox');
    const trap = el.querySelector('input[name="homepage"]') as HTMLInputElement;
    expect(trap.getAttribute('tabindex')).toBe('-1');
    expect(trap.closest('[aria-hidden="true"]')).not.toBeNull();
    expect(el.querySelector('button[type="submit"]')!.textContent).toBe('Enviar consulta');
  });

  it('posts JSON, marks each field the server names, then shows the success message in place of the form', async () => {
    const posts: Array<{ url: string; body: any }> = [];
    const answers = [
      { status: 400, body: { error: { code: 'validation_failed', details: [{ field: 'body.email', message: 'expected an email address' }, { field: 'body.motivo', message: 'is required' }] } } },
      { status: 200, body: { ok: true, message: 'Gracias <3, te respondemos pronto.' } },
    ];
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
      posts.push({ url, body: JSON.parse(String(init.body)) });
      const a = answers.shift()!;
      return new Response(JSON.stringify(a.body), { status: a.status, headers: { 'content-type': 'application/json' } });
    }));
    const el = render();
    (el.querySelector('#atiende-7-name') as HTMLInputElement).value = 'Marta';
    (el.querySelector('#atiende-7-email') as HTMLInputElement).value = 'marta';
    (el.querySelector('#atiende-7-acepta') as HTMLInputElement).checked = true;
    el.dispatchEvent(new Event('submit', { cancelable: true }));
    await vi.waitFor(() => expect(el.querySelector('#atiende-7-email')!.getAttribute('aria-invalid')).toBe('true'));
    expect(posts[0].url).toBe('https://atiende.example/hooks/form/7');
    expect(posts[0].body).toMatchObject({ name: 'Marta', email: 'marta', motivo: '', acepta: true, homepage: '' });
    expect(typeof posts[0].body.submissionId).toBe('string');
    expect(el.querySelector('#atiende-7-email-error')!.textContent).toBe('Revisa este dato.');
    expect(el.querySelector('#atiende-7-motivo-error')!.textContent).toBe('Este campo es obligatorio.');
    expect((el.querySelector('#atiende-7-name-error') as HTMLElement).hidden).toBe(true);
    expect(el.querySelector('.atiende-status')!.textContent).toBe('Revisa los campos marcados.');

    (el.querySelector('#atiende-7-email') as HTMLInputElement).value = 'marta@example.com';
    el.dispatchEvent(new Event('submit', { cancelable: true }));
    await vi.waitFor(() => expect(document.querySelector('.atiende-success')).not.toBeNull());
    expect(posts[1].body.submissionId).toBe(posts[0].body.submissionId); // the same submission, retried
    expect(document.querySelector('.atiende-success')!.textContent).toBe('Gracias <3, te respondemos pronto.');
    expect(document.querySelector('form.atiende-form')).toBeNull();
  });
});
