import type { TFunction } from 'i18next';
import { ApiError } from './api-client';

/** The server's messages are for developers; people read a translated one chosen by error code. */
export function errorMessage(t: TFunction, err: unknown): string {
  if (!(err instanceof ApiError)) return t('errors.generic');
  const key = `errors.codes.${err.code}`;
  if (err.status === 0) return t('errors.network');
  return t(key, { defaultValue: t('errors.generic') });
}
