import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeServices, testServices } from "../../../test/support/relais.ts";
import type { Services } from "../services.ts";

/**
 * The tables and unique indexes whose key does not start with `account_id`, each with the change it
 * needs before the data is distributed by account on Citus (docs/scaling.md). Nothing else may
 * join this list without a reason: the test below fails on any key that is neither.
 */
const DISTRIBUTION_EXCEPTIONS: Readonly<Record<string, string>> = {
  "accounts.accounts_pkey":
    "the tenants themselves: a Citus reference table (replicated to every node), its id is every other table's account_id",
  "accounts.accounts_slug_key": "slugs are unique across accounts: kept by the reference table",
  "channels.channels_id":
    "webhooks arrive at /hooks/<channel-id> without an account: a reference table channel_id → account_id (or the account in the hook URL) before distributing channels",
  "inbound_addresses.inbound_addresses_pkey":
    "an inbound email names only its address: a reference table address → account and channel",
  "rate_limits.rate_limits_pkey":
    "counters for sign-in and widget limits, keyed before any account is known: a local table on the coordinator",
  "relais_migrations.relais_migrations_pkey": "migration bookkeeping: on the coordinator only",
  "relais_migrations_lock.relais_migrations_lock_pkey":
    "migration bookkeeping: on the coordinator only",
};

/** Tables without an `account_id` column, for the reasons above. */
const TABLES_WITHOUT_ACCOUNT = [
  "accounts",
  "rate_limits",
  "relais_migrations",
  "relais_migrations_lock",
];

describe("distribution by account (Citus-ready keys)", () => {
  let services: Services;
  beforeAll(async () => {
    services = await testServices();
  }, 180_000);
  afterAll(async () => {
    await closeServices(services);
  });

  it("starts every primary key and unique index with account_id, or lists why not", async () => {
    const { rows } = await sql<{ table: string; index: string; first: string | null }>`
      select c.relname as "table", ic.relname as "index",
             (select a.attname from pg_attribute a
               where a.attrelid = c.oid and a.attnum = i.indkey[0]) as "first"
      from pg_index i
      join pg_class c on c.oid = i.indrelid
      join pg_class ic on ic.oid = i.indexrelid
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and (i.indisunique or i.indisprimary)
      order by 1, 2`.execute(services.db);
    expect(rows.length).toBeGreaterThan(50);
    const outside = rows
      .filter((row) => row.first !== "account_id")
      .map((row) => `${row.table}.${row.index}`);
    // Exact: a new global key fails here, and so does an exception that no longer exists.
    expect(outside.sort()).toEqual(Object.keys(DISTRIBUTION_EXCEPTIONS).sort());
  });

  it("gives every table an account_id and a primary key, and every foreign key leads with it", async () => {
    const { rows: tables } = await sql<{ table: string; hasAccount: boolean; hasKey: boolean }>`
      select c.relname as "table",
             exists (select 1 from pg_attribute a
                      where a.attrelid = c.oid and a.attname = 'account_id' and not a.attisdropped) as "hasAccount",
             exists (select 1 from pg_index i where i.indrelid = c.oid and i.indisprimary) as "hasKey"
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
      order by 1`.execute(services.db);
    expect(tables.filter((table) => !table.hasKey).map((table) => table.table)).toEqual([]);
    expect(
      tables
        .filter((table) => !table.hasAccount)
        .map((table) => table.table)
        .sort(),
    ).toEqual([...TABLES_WITHOUT_ACCOUNT].sort());
    const { rows: foreign } = await sql<{ name: string }>`
      select conname as "name" from pg_constraint
      where contype = 'f' and connamespace = 'public'::regnamespace
        and (select attname from pg_attribute where attrelid = conrelid and attnum = conkey[1])
            <> 'account_id'`.execute(services.db);
    expect(foreign.map((row) => row.name)).toEqual([]);
  });
});
