/**
 * What a plain HTML form (posted without JavaScript) gets back: a short page in the form's language, since the
 * browser shows the answer itself. Everything the customer or the admin wrote is escaped.
 */
import type { FormConfig } from './form-settings.js';
import type { FieldProblem } from './form-submission.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const TEXTS = {
  es: { sent: 'Consulta enviada', invalid: 'Revisa el formulario', back: 'Vuelve a la página anterior y corrige:', required: 'es obligatorio', wrong: 'no es válido' },
  en: { sent: 'Message sent', invalid: 'Please check the form', back: 'Go back to the previous page and correct:', required: 'is required', wrong: 'is not valid' },
};

const page = (lang: string, title: string, body: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
  `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5"><h1 style="font-size:1.4rem">${escapeHtml(title)}</h1>${body}</body></html>`;

export function successPage(form: FormConfig): string {
  const t = TEXTS[form.language];
  return page(form.language, t.sent, `<p role="status">${escapeHtml(form.successMessage)}</p>`);
}

export function problemsPage(form: FormConfig, problems: FieldProblem[]): string {
  const t = TEXTS[form.language];
  const labels = new Map(form.fields.map((f) => [`body.${f.key}`, f.label]));
  const items = problems.map((p) => `<li>${escapeHtml(labels.get(p.field) ?? p.field)}: ${/required/.test(p.message) ? t.required : t.wrong}</li>`);
  return page(form.language, t.invalid, `<p role="alert">${escapeHtml(t.back)}</p><ul>${items.join('')}</ul>`);
}
