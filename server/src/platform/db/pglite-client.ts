import { types, type PGlite, type QueryOptions, type Transaction } from '@electric-sql/pglite';

/**
 * The types drizzle's PGlite driver keeps as text (it maps them itself): the keys of the `parsers` it
 * passes with every query (drizzle-orm/pglite/session.js; a test checks the two lists agree).
 */
export const DRIZZLE_TEXT_TYPES = [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182];

const asText = (value: string) => value;
/** Parsers for the PGlite instance: drizzle's, set once. */
export const drizzleParsers = Object.fromEntries(DRIZZLE_TEXT_TYPES.map((oid) => [oid, asText]));
/** PGlite's own parsers for those types, for the callers that are not drizzle (pg-boss expects dates). */
export const defaultParsers = Object.fromEntries(DRIZZLE_TEXT_TYPES.filter((oid) => types.parsers[oid]).map((oid) => [oid, types.parsers[oid]]));

type Target = Pick<PGlite | Transaction, 'query' | 'exec'>;

/**
 * What drizzle sees of PGlite. drizzle passes its parsers with every query, and PGlite then merges
 * them into its table of some 300 parsers each time: 0.2 to 0.4 ms a query, as much as a simple query
 * itself (measured). The instance carries drizzle's parsers instead, and this client drops the option.
 */
export class DrizzlePgliteClient {
  constructor(private target: Target) {}

  query(text: string, params?: unknown[], options?: QueryOptions) {
    return this.target.query(text, params, options && { ...options, parsers: undefined });
  }

  exec(text: string, options?: QueryOptions) {
    return this.target.exec(text, options && { ...options, parsers: undefined });
  }

  transaction<T>(fn: (tx: DrizzlePgliteClient) => Promise<T>): Promise<T> {
    return (this.target as PGlite).transaction((tx) => fn(new DrizzlePgliteClient(tx)));
  }
}
