import type { Migration } from "../migrate.ts";

/**
 * When the next delivery attempt of a reply being retried is due (null when none is scheduled),
 * so the agent sees "retrying (3 of 8), next try in 2 min" rather than "queued" for minutes.
 */
export const messageNextAttempt: Migration = {
  name: "20261211T1701_message_next_attempt",
  statements: [`alter table messages add column delivery_next_attempt_at timestamptz`],
};
