import type { Migration } from "../migrate.ts";

/**
 * How long a refund takes to reach the customer's bank and a replacement their door, per account:
 * the sentence an agent offers the customer after an action promises these, not fixed figures.
 * No row: the defaults (refund 5 to 10 working days, replacement 3).
 */
export const arrivalEstimates: Migration = {
  name: "20261209T1301_arrival_estimates",
  statements: [
    `create table arrival_estimates (
       account_id uuid primary key references accounts(id) on delete cascade,
       refund_min_days integer not null check (refund_min_days between 0 and 60),
       refund_max_days integer not null check (refund_max_days between refund_min_days and 90),
       replacement_days integer not null check (replacement_days between 0 and 60),
       updated_at timestamptz not null default now()
     )`,
  ],
};
