import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.ts";
import { carryOut, refundable, releaseGoods } from "../backoffice/actionEffects.ts";
import { journalAction } from "../backoffice/actionJournal.ts";
import type { AgentAction, Approval } from "../db/schema/backoffice.ts";
import type { DB } from "../db/schema.ts";
import { conflict, notFound } from "../errors.ts";

export interface ApprovalDeciderProps {
  actor: Actor;
  approvalId: string;
  decision: "approve" | "reject";
  reason: string | null;
}

/**
 * A supervisor or admin approves a pending action, which is then carried out exactly once, or
 * rejects it, giving back the goods it held. A decided approval cannot be decided again. The
 * caller has authorized the actor.
 */
export async function approvalDecider(
  db: Kysely<DB>,
  props: ApprovalDeciderProps,
): Promise<{ approval: Approval; action: AgentAction }> {
  const { actor } = props;
  return db.transaction().execute(async (trx) => {
    const pending = await trx
      .selectFrom("approvals")
      .innerJoin("agent_actions", (join) =>
        join
          .onRef("agent_actions.account_id", "=", "approvals.account_id")
          .onRef("agent_actions.id", "=", "approvals.action_id"),
      )
      .select(["approvals.id", "approvals.status", "agent_actions.order_id"])
      .where("approvals.account_id", "=", actor.accountId)
      .where("approvals.id", "=", props.approvalId)
      .executeTakeFirst();
    if (!pending) throw notFound("Approval");
    // The order first, as every action does, then the approval: decisions never deadlock.
    const order = await trx
      .selectFrom("orders")
      .selectAll()
      .where("account_id", "=", actor.accountId)
      .where("id", "=", pending.order_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const locked = await trx
      .selectFrom("approvals")
      .selectAll()
      .where("account_id", "=", actor.accountId)
      .where("id", "=", props.approvalId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (locked.status !== "pending") {
      throw conflict("already_decided", `This approval was already ${locked.status}.`);
    }
    const now = new Date();
    const approval = await trx
      .updateTable("approvals")
      .set({
        status: props.decision === "approve" ? "approved" : "rejected",
        decided_by: actor.userId,
        decision_reason: props.reason,
        decided_at: now,
      })
      .where("account_id", "=", actor.accountId)
      .where("id", "=", locked.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const before = await trx
      .selectFrom("agent_actions")
      .selectAll()
      .where("account_id", "=", actor.accountId)
      .where("id", "=", locked.action_id)
      .executeTakeFirstOrThrow();
    // What was pending counted against the order; it no longer does once decided.
    const overdrawn =
      props.decision === "approve" &&
      (before.type === "refund" || before.type === "credit") &&
      (await refundable(trx, order)) < 0;
    const status = props.decision === "approve" && !overdrawn ? "done" : "rejected";
    const action = await trx
      .updateTable("agent_actions")
      .set({
        status,
        decided_by: actor.userId,
        decided_at: now,
        outcome: overdrawn ? "exceeds what is left on the order" : props.reason,
      })
      .where("account_id", "=", actor.accountId)
      .where("id", "=", before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (status === "done") await carryOut(trx, action, true);
    else await releaseGoods(trx, action);
    await journalAction(trx, action, {
      actorUserId: actor.userId,
      auditAction: `approval.${props.decision}`,
      created: false,
      refusal: overdrawn ? { kind: "exceeds_left", left: null, currency: action.currency } : null,
      decisionReason: overdrawn ? null : (props.reason ?? null),
    });
    return { approval, action };
  });
}
