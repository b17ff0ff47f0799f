import type { Kysely, Updateable } from "kysely";
import type { EmailQuarantine, EmailQuarantineTable } from "../db/schema/emailInbound.ts";
import type { DB } from "../db/schema.ts";
import { conflict, notFound } from "../errors.ts";
import { recordAudit, recordEvent } from "../events/outbox.ts";

export interface QuarantineResolverProps<T> {
  accountId: string;
  actorUserId: string;
  quarantineId: string;
  decision: "assigned" | "discarded";
  /**
   * What the decision does, in the same transaction, with the row locked and still pending:
   * the columns to change besides the status, what the audit log keeps, and a result.
   */
  apply(
    trx: Kysely<DB>,
    held: EmailQuarantine & { raw: Buffer },
  ): Promise<{
    set?: Updateable<EmailQuarantineTable>;
    audit: Record<string, unknown>;
    conversationId?: string;
    result: T;
  }>;
}

/**
 * One decision on a quarantined mail, taken once: the row is locked, must still be pending,
 * and its new status, event and audit entry are written with whatever the decision does, in
 * one transaction. A second click, or another admin at the same moment, gets 409.
 */
export async function quarantineResolver<T>(
  db: Kysely<DB>,
  props: QuarantineResolverProps<T>,
): Promise<T> {
  const { accountId } = props;
  return db.transaction().execute(async (trx) => {
    const held = await trx
      .selectFrom("email_quarantine")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("id", "=", props.quarantineId)
      .forUpdate()
      .executeTakeFirst();
    if (!held) throw notFound("Quarantined mail");
    if (held.status !== "pending" || !held.raw)
      throw conflict("already_resolved", "This mail was already assigned or discarded.");
    // PGlite hands bytea back as a Uint8Array.
    const outcome = await props.apply(trx, { ...held, raw: Buffer.from(held.raw) });
    await trx
      .updateTable("email_quarantine")
      .set({
        ...outcome.set,
        status: props.decision,
        resolved_at: new Date(),
        resolved_by_user_id: props.actorUserId,
      })
      .where("account_id", "=", accountId)
      .where("id", "=", held.id)
      .execute();
    await recordEvent(trx, {
      accountId,
      name: "email_quarantine.updated",
      payload: {
        quarantineId: held.id,
        conversationId: outcome.conversationId,
        changes: [props.decision],
      },
      actorUserId: props.actorUserId,
    });
    await recordAudit(trx, {
      accountId,
      actorUserId: props.actorUserId,
      action: `email_quarantine.${props.decision === "assigned" ? "assign" : "discard"}`,
      subjectType: "email_quarantine",
      subjectId: held.id,
      data: { sender: held.sender, subject: held.subject, ...outcome.audit },
    });
    return outcome.result;
  });
}
