import type { Kysely } from "kysely";
import type { TActionRefusal } from "../../shared/backoffice.ts";
import type { Actor } from "../auth/actor.ts";
import {
  carryOut,
  checkStock,
  goodsValue,
  refundable,
  reserveGoods,
} from "../backoffice/actionEffects.ts";
import { journalAction } from "../backoffice/actionJournal.ts";
import { checkLimit } from "../backoffice/authority.ts";
import { fromCents } from "../backoffice/values.ts";
import type { ActionLine, ActionType, AgentAction, Order } from "../db/schema/backoffice.ts";
import type { DB } from "../db/schema.ts";
import { notFound, unprocessable } from "../errors.ts";

export interface AgentActionRequest {
  type: ActionType;
  orderId: string;
  lines: ActionLine[];
  /** In cents (refund, credit). */
  amountCents: number;
  currency?: string;
  reason: string;
  idempotencyKey: string;
}

export interface AgentActionRequesterProps {
  actor: Actor;
  conversationId: string;
  request: AgentActionRequest;
}

type Decision = {
  status: AgentAction["status"];
  outcome: string | null;
  valueCents: number;
  refusal?: TActionRefusal;
};

/** Whether the action can be done, and what it is worth (the goods for a replacement). */
async function assess(
  trx: Kysely<DB>,
  order: Order,
  request: AgentActionRequest,
): Promise<Decision> {
  if (request.type === "refund" || request.type === "credit") {
    const left = await refundable(trx, order);
    if (request.amountCents > left) {
      return {
        status: "refused",
        outcome: `exceeds what is left on the order: ${fromCents(Math.max(0, left)).toFixed(2)} ${order.currency}`,
        valueCents: request.amountCents,
        refusal: {
          kind: "exceeds_left",
          left: fromCents(Math.max(0, left)),
          currency: order.currency,
        },
      };
    }
    return { status: "done", outcome: null, valueCents: request.amountCents };
  }
  const ordered = await trx
    .selectFrom("order_lines")
    .select(["sku", "unit_price_cents"])
    .where("account_id", "=", order.account_id)
    .where("order_id", "=", order.id)
    .execute();
  const foreign = request.lines.find((line) => !ordered.some((row) => row.sku === line.sku));
  if (foreign) {
    throw unprocessable("not_in_order", `${foreign.sku} is not a line of order ${order.number}.`);
  }
  if (request.type === "return") {
    const value = request.lines.reduce(
      (sum, line) =>
        sum + line.quantity * (ordered.find((row) => row.sku === line.sku)?.unit_price_cents ?? 0),
      0,
    );
    return { status: "done", outcome: null, valueCents: value };
  }
  const shortage = await checkStock(trx, order.account_id, request.lines);
  const value = (await goodsValue(trx, order.account_id, request.lines)) ?? 0;
  if (shortage) {
    const restock = shortage.restockDate ? `; restock expected ${shortage.restockDate}` : "";
    return {
      status: "refused",
      outcome: `out of stock: ${shortage.sku} (${shortage.available} available${restock})`,
      valueCents: value,
      refusal: {
        kind: "out_of_stock",
        sku: shortage.sku,
        available: shortage.available,
        restockDate: shortage.restockDate ?? null,
      },
    };
  }
  return { status: "done", outcome: null, valueCents: value };
}

/**
 * An agent acts for a customer on one of the account's orders: within the limits of their role
 * it is done at once; above them it waits for a supervisor's approval (a replacement's goods
 * held meanwhile); what cannot be done (no stock, more than is left to refund) is refused. The
 * same idempotency key never acts twice, concurrent requests included: the first one's action
 * is returned. The caller has authorized the actor on the conversation.
 */
export async function agentActionRequester(
  db: Kysely<DB>,
  props: AgentActionRequesterProps,
): Promise<AgentAction> {
  const { actor, request } = props;
  return db.transaction().execute(async (trx) => {
    const order = await trx
      .selectFrom("orders")
      .selectAll()
      .where("account_id", "=", actor.accountId)
      .where("id", "=", request.orderId)
      .forUpdate()
      .executeTakeFirst();
    if (!order) throw notFound("Order");
    if (request.currency && request.currency !== order.currency) {
      throw unprocessable("currency_mismatch", `The order is in ${order.currency}.`);
    }
    // Claims the key first: a concurrent request with the same key waits here, then finds it.
    const claimed = await trx
      .insertInto("agent_actions")
      .values({
        account_id: actor.accountId,
        type: request.type,
        status: "refused",
        conversation_id: props.conversationId,
        order_id: order.id,
        lines: JSON.stringify(request.lines),
        amount_cents: 0,
        currency: order.currency,
        reason: request.reason,
        idempotency_key: request.idempotencyKey,
        requested_by: actor.userId,
      })
      .onConflict((conflict) => conflict.columns(["account_id", "idempotency_key"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!claimed) {
      return trx
        .selectFrom("agent_actions")
        .selectAll()
        .where("account_id", "=", actor.accountId)
        .where("idempotency_key", "=", request.idempotencyKey)
        .executeTakeFirstOrThrow();
    }
    const decision = await assess(trx, order, request);
    if (decision.status === "done") {
      const limit = await checkLimit(trx, actor, request.type, decision.valueCents);
      if (!limit.within) decision.status = "pending_approval";
    }
    const action = await trx
      .updateTable("agent_actions")
      .set({
        status: decision.status,
        outcome: decision.outcome,
        amount_cents: decision.valueCents,
      })
      .where("account_id", "=", actor.accountId)
      .where("id", "=", claimed.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (action.status === "done") await carryOut(trx, action, false);
    if (action.status === "pending_approval") {
      await reserveGoods(trx, action);
      await trx
        .insertInto("approvals")
        .values({ account_id: actor.accountId, action_id: action.id })
        .execute();
    }
    await journalAction(trx, action, {
      actorUserId: actor.userId,
      auditAction: "agent_action.create",
      created: true,
      refusal: decision.refusal ?? null,
    });
    return action;
  });
}
