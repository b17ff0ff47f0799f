import type { Migration } from "../migrate.ts";

/**
 * Trigram similarity (`pg_trgm`, bundled with PostgreSQL's contrib and with PGlite): duplicate
 * suggestions compare names and handles by similarity through GIN indexes, never by a scan.
 */
export const pgTrgm: Migration = {
  name: "20261208T1401_pg_trgm",
  // btree_gin lets one GIN index start with account_id, as every key does.
  statements: [
    `create extension if not exists pg_trgm`,
    `create extension if not exists btree_gin`,
  ],
};
