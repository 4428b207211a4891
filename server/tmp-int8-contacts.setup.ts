import pg from 'pg';
// Local workaround only (not in the repo): drizzle's node-postgres session falls back to pg's global parsers.
pg.types.setTypeParser(20, (v: string) => Number(v));
