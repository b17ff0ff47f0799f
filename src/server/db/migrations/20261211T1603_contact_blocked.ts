import type { Migration } from "../migrate.ts";

/**
 * A blocked contact: their messages are still stored, but open no conversation, notify nobody
 * and get no automatic reply. Null: not blocked.
 */
export const contactBlocked: Migration = {
  name: "20261211T1603_contact_blocked",
  statements: [`alter table contacts add column blocked_at timestamptz`],
};
