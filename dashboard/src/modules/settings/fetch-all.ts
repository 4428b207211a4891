import { api } from '../../app/api-client';

/** Upper bound on what a settings list loads, so a runaway cursor cannot loop forever. */
const MAX_ITEMS = 5000;

/**
 * Every item of a keyset-paged settings list (members, teams, channels, tags…): these lists are small and
 * the screens sort, filter and pick from them locally.
 */
export async function fetchAll<T>(path: string, limit: number, signal?: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: T[]; nextCursor: string | null } = await api(path, { query: { limit, cursor }, signal });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < MAX_ITEMS);
  return items;
}
