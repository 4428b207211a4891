import { ApiError } from '../../../app/api-client';

/** The export's file name: `intenciones-<bot>.json`, in plain letters. */
export function exportFileName(botName: string): string {
  const slug = botName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `intenciones-${slug || 'bot'}.json`;
}

/** Saves `data` as a JSON file through the browser's download. */
export function downloadJson(fileName: string, data: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The intents of an exported file (`{ items: [...] }` as exported, or a bare list), or null when it is not one.
 * Only the shape is checked here; the server validates each intent.
 */
export function parseIntentsFile(content: string): unknown[] | null {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch {
    return null;
  }
  const items = Array.isArray(data) ? data : data && typeof data === 'object' && Array.isArray((data as { items?: unknown }).items) ? (data as { items: unknown[] }).items : null;
  if (!items) return null;
  return items.every((item) => item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string') ? items : null;
}

/** Which intent of an imported file the server refused (1-based), when it says so (`body.items.3.examples`). */
export function refusedRow(err: unknown): number | null {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return null;
  for (const detail of err.details) {
    const match = /(?:^|\.)items\.(\d+)/.exec(String((detail as { field?: unknown })?.field ?? ''));
    if (match) return Number(match[1]) + 1;
  }
  return null;
}
