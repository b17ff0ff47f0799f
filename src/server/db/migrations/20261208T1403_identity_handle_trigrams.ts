import type { Migration } from "../migrate.ts";

/**
 * Similar handles across networks (@lea_dupont on X, leadupont on Instagram): a trigram index on
 * the handle without its punctuation, which `contactDuplicates` queries with `%`.
 */
export const identityHandleTrigrams: Migration = {
  name: "20261208T1403_identity_handle_trigrams",
  statements: [
    `create index identities_handle_trgm on identities
       using gin (account_id, (regexp_replace(lower(handle), '[^a-z0-9]', '', 'g')) gin_trgm_ops)
       where handle is not null`,
  ],
};
