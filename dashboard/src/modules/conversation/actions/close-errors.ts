import { ApiError } from '../../../app/api-client';

export interface CloseErrors {
  /** The closing note's fields the server named (policy: required; or sent where notes are disabled). */
  category: boolean;
  summary: boolean;
  /** The team form's missing required fields, as the server words them (`form.<key>`: "<label> is required"). */
  form: string[];
}

/** What a refused close means for the dialog: which note fields to mark, and the team form's messages to list. */
export function closeErrors(err: unknown): CloseErrors {
  const found: CloseErrors = { category: false, summary: false, form: [] };
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return found;
  for (const d of err.details as Array<{ field?: unknown; message?: unknown }>) {
    const field = typeof d?.field === 'string' ? d.field.replace(/^body\./, '') : '';
    if (field === 'category' || field === 'summary') found[field] = true;
    else if (field.startsWith('form.') && typeof d.message === 'string') found.form.push(d.message);
  }
  return found;
}
