import type { Migration } from "../migrate.ts";

/**
 * An agent's signature ("— Camille", "^CM"): appended to their public social replies on the
 * channels that sign them, so customers see a person behind the brand's handle. Null: unsigned.
 */
export const userSignature: Migration = {
  name: "20261211T1601_user_signature",
  statements: [`alter table users add column signature text check (length(signature) <= 40)`],
};
