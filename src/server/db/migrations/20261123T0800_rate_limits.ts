import type { Migration } from "../migrate.ts";

/**
 * Sign-in attempts counted in the database rather than in each process's memory, so that every
 * `relais serve` behind a load balancer shares one limit. The only table without `account_id`:
 * an attempt happens before anyone is known to belong to an account. Keys are hashed, so the
 * table holds no email address.
 */
export const rateLimits: Migration = {
  name: "20261123T0800_rate_limits",
  statements: [
    `create table rate_limits (
       key text primary key,
       hits integer not null,
       resets_at timestamptz not null
     )`,
    `create index rate_limits_resets_at on rate_limits (resets_at)`,
  ],
};
