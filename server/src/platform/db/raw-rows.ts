import { getTableColumns, type InferSelectModel, type Table } from 'drizzle-orm';

/**
 * Maps rows of raw SQL (`RETURNING *`, snake_case names, driver values) to the table's select model,
 * as drizzle's query builder would. For the hot statements written as SQL templates: drizzle's insert
 * builder spends ~1.5 ms building a 30-row insert, the template ~0.3 ms (measured).
 */
export function rowMapper<T extends Table>(table: T): (raw: Record<string, unknown>) => InferSelectModel<T> {
  const columns = Object.entries(getTableColumns(table));
  return (raw) => {
    const row: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = raw[column.name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as InferSelectModel<T>;
  };
}
