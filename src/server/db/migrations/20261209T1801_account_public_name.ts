import type { Migration } from "../migrate.ts";

/**
 * The business identity customers see: the name that signs automatic and canned replies
 * (`{{account.name}}`), when it differs from the organisation's own name in the app. Null: the
 * organisation's name is used.
 */
export const accountPublicName: Migration = {
  name: "20261209T1801_account_public_name",
  statements: [
    `alter table accounts add column public_name text check (length(public_name) <= 200)`,
  ],
};
