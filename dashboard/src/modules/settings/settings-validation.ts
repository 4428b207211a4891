import type { TFunction } from 'i18next';
import type { FieldErrors } from '../auth/validation';
import { looksLikeEmail } from '../auth/validation';
import type { ContactFieldInput } from './contact-fields.api';

/** Mirrors the server's rules (the zod schemas), so mistakes show before a round trip; the server still decides. */

export function text(t: TFunction, value: string, max: number, required = true): string | undefined {
  const trimmed = value.trim();
  if (required && !trimmed) return t('validation.required');
  if (trimmed.length > max) return t('settings.validation.tooLong', { count: max });
  return undefined;
}

export const clean = <F extends string>(errors: Record<F, string | undefined>): FieldErrors<F> =>
  Object.fromEntries(Object.entries(errors).filter(([, message]) => message)) as FieldErrors<F>;

export function validateInvite(t: TFunction, form: { email: string; name: string }) {
  return clean({ email: looksLikeEmail(form.email) ? undefined : t('validation.email'), name: text(t, form.name, 120, false) });
}

export function validateTeam(t: TFunction, form: { name: string; description: string }) {
  return clean({ name: text(t, form.name, 80), description: text(t, form.description, 500, false) });
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && Boolean(url.hostname);
  } catch {
    return false;
  }
}

export function validateApiChannel(t: TFunction, form: { name: string; outboundUrl: string }) {
  return clean({
    name: text(t, form.name, 100),
    outboundUrl: !form.outboundUrl.trim() ? t('validation.required') : isHttpUrl(form.outboundUrl) ? undefined : t('settings.validation.url'),
  });
}

export function validateTag(t: TFunction, form: { name: string; color: string }) {
  return clean({ name: text(t, form.name, 50), color: /^#[0-9a-fA-F]{6}$/.test(form.color) ? undefined : t('settings.validation.color') });
}

export function validateClosingCategory(t: TFunction, form: { name: string }) {
  return clean({ name: text(t, form.name, 80) });
}

/** Shortcuts are typed after `/` in the composer: one word of letters, digits, `-`, `_` or `.`. */
export const shortcutPattern = /^[\p{L}\p{N}_.-]+$/u;

export function validateSnippet(t: TFunction, form: { shortcut: string; title: string; body: string }) {
  const shortcut = form.shortcut.trim().replace(/^\//, '');
  return clean({
    shortcut: !shortcut ? t('validation.required') : shortcut.length > 50 ? t('settings.validation.tooLong', { count: 50 }) : shortcutPattern.test(shortcut) ? undefined : t('settings.validation.shortcut'),
    title: text(t, form.title, 120, false),
    body: text(t, form.body, 10_000),
  });
}

/** Keys name the value inside the contact (`{{contact.<key>}}` in snippets, the API): lower case, digits and `_`. */
export const fieldKeyPattern = /^[a-z][a-z0-9_]*$/;
export const FIELD_KEY_MAX = 40;
/** Names contacts already have as columns (and snippets use): a custom field cannot take them. */
export const reservedFieldKeys = ['id', 'name', 'first_name', 'phone', 'email', 'document_number', 'language', 'tags', 'created_at', 'updated_at'];

/** A key proposed from a label: "Número de cliente" → "numero_de_cliente". */
export function keyFromLabel(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .slice(0, FIELD_KEY_MAX)
    .replace(/_+$/, '');
}

export function validateContactField(t: TFunction, form: Pick<ContactFieldInput, 'key' | 'label' | 'type' | 'options'>) {
  const options = form.options.map((o) => o.trim()).filter(Boolean);
  const key = form.key.trim();
  return clean({
    key: !key
      ? t('validation.required')
      : key.length > FIELD_KEY_MAX
        ? t('settings.validation.tooLong', { count: FIELD_KEY_MAX })
        : !fieldKeyPattern.test(key)
          ? t('settings.validation.fieldKey')
          : reservedFieldKeys.includes(key)
            ? t('settings.validation.fieldKeyReserved')
            : undefined,
    label: text(t, form.label, 80),
    options:
      form.type !== 'select'
        ? undefined
        : options.length === 0
          ? t('settings.validation.optionsRequired')
          : new Set(options).size !== options.length
            ? t('settings.validation.optionsUnique')
            : options.some((o) => o.length > 100)
              ? t('settings.validation.tooLong', { count: 100 })
              : undefined,
  });
}

export const MAX_REOPEN_WINDOW_MINUTES = 43_200;

export function validateWorkspace(t: TFunction, form: { name: string; timezone: string; reopenWindowMinutes: number | string }, timezones: readonly string[]) {
  const minutes = typeof form.reopenWindowMinutes === 'number' ? form.reopenWindowMinutes : Number.NaN;
  return clean({
    name: text(t, form.name, 120),
    timezone: timezones.includes(form.timezone) ? undefined : t('settings.validation.timezone'),
    reopenWindowMinutes:
      Number.isInteger(minutes) && minutes >= 0 && minutes <= MAX_REOPEN_WINDOW_MINUTES ? undefined : t('settings.validation.range', { min: 0, max: MAX_REOPEN_WINDOW_MINUTES }),
  });
}

export const CLOSING_MESSAGE_MAX = 1000;
export const AUTO_AWAY_MAX = 240;
export const AUTO_OFFLINE_MAX = 1440;

const minutesIn = (value: number | string, max: number) => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max;

/** The workspace's conversation and presence rules: the closing message's length and the idle minutes. */
export function validateWorkspacePolicies(t: TFunction, form: { closingMessage: string; autoAwayMinutes: number | string; autoOfflineMinutes: number | string }) {
  return clean({
    closingMessage: text(t, form.closingMessage, CLOSING_MESSAGE_MAX, false),
    autoAwayMinutes: minutesIn(form.autoAwayMinutes, AUTO_AWAY_MAX) ? undefined : t('settings.validation.range', { min: 1, max: AUTO_AWAY_MAX }),
    autoOfflineMinutes: minutesIn(form.autoOfflineMinutes, AUTO_OFFLINE_MAX) ? undefined : t('settings.validation.range', { min: 1, max: AUTO_OFFLINE_MAX }),
  });
}
