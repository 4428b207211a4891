import { invalidField } from './invalid-field.js';

/** Keyset cursor for lists sorted by (name, id): opaque to clients, stable while rows are added. */
export interface NameCursor {
  name: string;
  id: number;
}

export const encodeNameCursor = (c: NameCursor) => Buffer.from(JSON.stringify([c.name, c.id])).toString('base64url');

export function decodeNameCursor(cursor: string | undefined): NameCursor | undefined {
  if (!cursor) return undefined;
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof name === 'string' && Number.isSafeInteger(id)) return { name, id };
  } catch {
    // fall through
  }
  throw invalidField('query.cursor', 'expected the nextCursor of a previous page');
}

/** Takes one row more than the page to know whether another page exists. */
export function pageOf<T extends { id: number; name: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeNameCursor(items.at(-1)!) : null };
}
