import type { Kysely } from "kysely";
import { DEFAULT_ARRIVAL_ESTIMATES, type TArrivalEstimates } from "../../shared/backoffice.ts";
import type { DB } from "../db/schema.ts";

/** The account's arrival estimates, or the defaults when none were set. */
export async function loadArrivalEstimates(
  db: Kysely<DB>,
  accountId: string,
): Promise<TArrivalEstimates> {
  const row = await db
    .selectFrom("arrival_estimates")
    .selectAll()
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  if (!row) return DEFAULT_ARRIVAL_ESTIMATES;
  return {
    refund: { minDays: row.refund_min_days, maxDays: row.refund_max_days },
    replacement: { days: row.replacement_days },
  };
}

export async function saveArrivalEstimates(
  trx: Kysely<DB>,
  accountId: string,
  estimates: TArrivalEstimates,
): Promise<void> {
  const values = {
    refund_min_days: estimates.refund.minDays,
    refund_max_days: estimates.refund.maxDays,
    replacement_days: estimates.replacement.days,
  };
  await trx
    .insertInto("arrival_estimates")
    .values({ account_id: accountId, ...values })
    .onConflict((conflict) =>
      conflict.column("account_id").doUpdateSet({ ...values, updated_at: new Date() }),
    )
    .execute();
}
