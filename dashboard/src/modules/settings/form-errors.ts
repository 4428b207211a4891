import type { TFunction } from 'i18next';
import { ApiError, invalidFields } from '../../app/api-client';
import { errorMessage } from '../../app/error-message';
import type { FieldErrors } from '../auth/validation';

export interface ServerErrors<F extends string> {
  fieldErrors: FieldErrors<F>;
  /** For the form's alert; null when the fields already say what is wrong. */
  message: string | null;
}

/**
 * What a failed save means for a form: the fields the server named (`invalidFields`) get a message under them,
 * a 409 marks `conflictField` as taken (a duplicate name, shortcut or key), anything else becomes the form's alert.
 * `aliases` maps server field names onto the form's (`config` → `outboundUrl`); `nested` names the objects whose
 * inner fields are the form's (`settings.url` → `url`).
 */
export function serverErrors<F extends string>(
  t: TFunction,
  err: unknown,
  fields: readonly F[],
  options: { conflictField?: F; aliases?: Record<string, F>; nested?: readonly string[] } = {},
): ServerErrors<F> {
  const fieldErrors: FieldErrors<F> = {};
  for (const name of invalidFields(err, options.nested)) {
    const field = (options.aliases?.[name] ?? name) as F;
    if (fields.includes(field)) fieldErrors[field] = t('validation.invalid');
  }
  if (options.conflictField && err instanceof ApiError && err.status === 409) fieldErrors[options.conflictField] = t('settings.validation.taken');
  return { fieldErrors, message: Object.keys(fieldErrors).length ? null : errorMessage(t, err) };
}
