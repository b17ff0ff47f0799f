import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import { quarantineResolver } from "./quarantineResolver.ts";

export interface QuarantineDiscarderProps {
  accountId: string;
  actorUserId: string;
  quarantineId: string;
}

/**
 * An admin's decision that a quarantined mail is nobody's business (spam, a stray notification):
 * its bytes and text are erased; who discarded what, from whom and when stays in the audit log.
 */
export async function quarantineDiscarder(
  db: Kysely<DB>,
  props: QuarantineDiscarderProps,
): Promise<void> {
  await quarantineResolver(db, {
    ...props,
    decision: "discarded",
    apply: async (_trx, held) => ({
      set: { raw: null, text: "" },
      audit: { reason: held.reason },
      result: undefined,
    }),
  });
}
