import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.ts";
import type { DuplicateCandidate } from "./contactDuplicates.ts";

/**
 * Replaces a contact's open suggestions with `candidates` (both directions of each pair, so the
 * other contact lists this one too). Pairs it no longer matches are dropped.
 */
export async function storeSuggestions(
  db: Kysely<DB>,
  accountId: string,
  contactId: string,
  candidates: readonly DuplicateCandidate[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom("contact_suggestions")
      .where("account_id", "=", accountId)
      .where((eb) => eb.or([eb("contact_a", "=", contactId), eb("contact_b", "=", contactId)]))
      .execute();
    if (candidates.length === 0) return;
    await trx
      .insertInto("contact_suggestions")
      .values(
        candidates.flatMap((candidate) => [
          {
            account_id: accountId,
            contact_a: contactId,
            contact_b: candidate.contactId,
            score: candidate.score,
          },
          {
            account_id: accountId,
            contact_a: candidate.contactId,
            contact_b: contactId,
            score: candidate.score,
          },
        ]),
      )
      .onConflict((conflict) =>
        conflict
          .columns(["account_id", "contact_a", "contact_b"])
          .doUpdateSet({ score: sql`excluded.score`, updated_at: new Date() }),
      )
      .execute();
  });
}

/** SQL condition: contact `c` has a suggestion whose other contact still exists and was not dismissed. */
export function hasOpenSuggestion() {
  return sql<boolean>`exists (
    select 1 from contact_suggestions s
    join contacts o on o.account_id = s.account_id and o.id = s.contact_b
    where s.account_id = c.account_id and s.contact_a = c.id
      and not exists (select 1 from contact_pair_dismissals d
        where d.account_id = s.account_id
          and d.contact_a = least(s.contact_a, s.contact_b)
          and d.contact_b = greatest(s.contact_a, s.contact_b)))`;
}
