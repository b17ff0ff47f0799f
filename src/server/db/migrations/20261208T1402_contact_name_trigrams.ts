import type { Migration } from "../migrate.ts";

/**
 * Similar names across contacts ("Léa Dupont" and "lea dupont"): a trigram index on the
 * normalised name (lower case, no accents), which `contactDuplicates` queries with `%`.
 */
export const contactNameTrigrams: Migration = {
  name: "20261208T1402_contact_name_trigrams",
  statements: [
    `create index contacts_name_trgm on contacts
       using gin (account_id, (lower(relais_unaccent(name))) gin_trgm_ops)
       where name is not null and merged_into_id is null`,
  ],
};
