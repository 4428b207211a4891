/**
 * The embeddable form: `<script src=".../hooks/form/{id}/embed.js" async></script>` renders the channel's form inside
 * `<div data-atiende-form="{id}">` when the page has one, else right after the tag; it posts JSON and marks each
 * field the server names. Labels, options and messages are set as text (textContent, attributes), never as HTML;
 * the data is JSON escaped for a script. Plain markup, and a few styles the page's CSS may override (`.atiende-form`).
 */
import type { FieldDefinition } from '../../contacts/contact-field-values.js';
import { HONEYPOT_FIELD, isOwnField, type FormConfig } from './form-settings.js';
import { EMBED_SOURCE } from './form-embed-source.js';

export interface EmbedField {
  key: string;
  label: string;
  required: boolean;
  type: 'text' | 'email' | 'tel' | 'textarea' | 'decimal' | 'date' | 'select' | 'checkbox';
  options?: string[];
  autocomplete?: string;
}

const OWN_INPUTS: Record<string, Pick<EmbedField, 'type' | 'autocomplete'>> = {
  name: { type: 'text', autocomplete: 'name' },
  email: { type: 'email', autocomplete: 'email' },
  phone: { type: 'tel', autocomplete: 'tel' },
  subject: { type: 'text' },
  message: { type: 'textarea' },
};

const TEXTS = {
  es: {
    required: 'Este campo es obligatorio.',
    invalid: 'Revisa este dato.',
    fix: 'Revisa los campos marcados.',
    sending: 'Enviando…',
    failed: 'No se pudo enviar. Inténtalo de nuevo.',
    tooMany: 'Demasiados envíos. Inténtalo de nuevo en {s} segundos.',
    choose: 'Elige una opción',
  },
  en: {
    required: 'This field is required.',
    invalid: 'Please check this value.',
    fix: 'Please check the marked fields.',
    sending: 'Sending…',
    failed: 'Could not send. Please try again.',
    tooMany: 'Too many submissions. Please try again in {s} seconds.',
    choose: 'Choose an option',
  },
};

/** The inputs of the form: own fields by their purpose, custom ones by their contact field's type. */
export function embedFields(form: FormConfig, definitions: FieldDefinition[]): EmbedField[] {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  return form.fields.map((f): EmbedField => {
    const base = { key: f.key, label: f.label, required: f.required };
    if (isOwnField(f.key)) return { ...base, ...OWN_INPUTS[f.key] };
    const def = byKey.get(f.key);
    switch (def?.type) {
      case 'number':
        return { ...base, type: 'decimal' }; // text with a numeric keyboard: a decimal comma is accepted
      case 'date':
        return { ...base, type: 'date' };
      case 'select':
        return { ...base, type: 'select', options: def.options };
      case 'checkbox':
        return { ...base, type: 'checkbox' };
      default:
        return { ...base, type: 'text' };
    }
  });
}

const CSS = [
  '.atiende-form{display:grid;gap:12px;max-width:34rem;font:inherit}',
  '.atiende-field label{display:block;font-weight:600;margin-bottom:4px}',
  '.atiende-field input:not([type=checkbox]),.atiende-field textarea,.atiende-field select{box-sizing:border-box;width:100%;padding:8px;border:1px solid #868e96;border-radius:6px;font:inherit}',
  '.atiende-field [aria-invalid=true]{border-color:#c92a2a;outline-color:#c92a2a}',
  '.atiende-error{color:#c92a2a;margin:4px 0 0;font-size:.9em}',
  '.atiende-hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}',
  '.atiende-form button{justify-self:start;padding:8px 18px;border:0;border-radius:6px;background:#1864ab;color:#fff;font:inherit;cursor:pointer}',
  '.atiende-form button[disabled]{opacity:.6;cursor:progress}',
  '.atiende-status{margin:0}',
].join('');

/** JSON that cannot end the script or a line in it, whatever the labels say. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

export function formEmbedScript(input: { channelId: number; action: string; form: FormConfig; definitions: FieldDefinition[] }): string {
  const config = {
    channelId: input.channelId,
    action: input.action,
    fields: embedFields(input.form, input.definitions),
    honeypot: HONEYPOT_FIELD,
    submitLabel: input.form.submitLabel,
    successMessage: input.form.successMessage,
    texts: TEXTS[input.form.language],
    css: CSS,
  };
  return `/* Atiende web form ${input.channelId} */\n(${EMBED_SOURCE})(${scriptJson(config)});\n`;
}
