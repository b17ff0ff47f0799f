import type { Kysely } from "kysely";
import { z } from "zod";
import type { TShopPushMeta } from "../../../shared/backoffice.ts";
import { fromCents } from "../../backoffice/values.ts";
import type { AgentAction } from "../../db/schema/backoffice.ts";
import type { DB } from "../../db/schema.ts";
import { type EventInput, recordEvents } from "../../events/outbox.ts";
import type { Processor } from "../../jobs/processor.ts";
import type { TaskDefinition } from "../../jobs/queue.ts";
import type { Services } from "../../services.ts";
import { resolveChannel } from "../resolve.ts";
import type { ShopifyChannel } from "./config.ts";
import { ShopifyError } from "./graphql.ts";
import { createReplacementDraft, createShopifyRefund } from "./pushCalls.ts";

export const SHOPIFY_PUSH_ACTION = "shopify-push-action";
/** Attempts before a push that keeps failing (Shopify down, the network) is given up. */
const MAX_ATTEMPTS = 8;
const ZPush = z.object({ accountId: z.uuid(), actionId: z.uuid() });

/**
 * An action done on an order that came from Shopify goes back to it: a refund as a refund, a
 * replacement as a draft order. One `action_pushes` row per action, created with the job in one
 * transaction: an event seen twice enqueues nothing more.
 */
export const shopifyActionsProcessor: Processor = {
  name: "shopify-actions",
  events: ["agent_action.created", "agent_action.updated"],
  async handle(services, event) {
    const actionId = event.payload.actionId;
    if (typeof actionId !== "string") return;
    const target = await services.db
      .selectFrom("agent_actions as a")
      .innerJoin("orders as o", (join) =>
        join.onRef("o.account_id", "=", "a.account_id").onRef("o.id", "=", "a.order_id"),
      )
      .innerJoin("shop_links as l", (join) =>
        join
          .onRef("l.account_id", "=", "o.account_id")
          .onRef("l.local_key", "=", "o.number")
          .on("l.resource", "=", "order"),
      )
      .innerJoin("channels as c", (join) =>
        join.onRef("c.account_id", "=", "l.account_id").onRef("c.id", "=", "l.channel_id"),
      )
      .select(["a.id", "l.channel_id"])
      .where("a.account_id", "=", event.accountId)
      .where("a.id", "=", actionId)
      .where("a.status", "=", "done")
      .where("a.type", "in", ["refund", "replacement"])
      .where("c.kind", "=", "shopify")
      .where("c.disabled_at", "is", null)
      .executeTakeFirst();
    if (!target) return;
    await services.db.transaction().execute(async (trx) => {
      const created = await trx
        .insertInto("action_pushes")
        .values({
          account_id: event.accountId,
          action_id: target.id,
          channel_id: target.channel_id,
        })
        .onConflict((conflict) => conflict.columns(["account_id", "action_id"]).doNothing())
        .returning("action_id")
        .executeTakeFirst();
      if (created) {
        await services.queue.send(trx, SHOPIFY_PUSH_ACTION, {
          accountId: event.accountId,
          actionId: target.id,
        });
      }
    });
  },
};

/** What the agent reads in the conversation, and the action's update event, in `trx`. */
async function journalPush(
  trx: Kysely<DB>,
  action: AgentAction,
  text: string,
  meta: TShopPushMeta,
) {
  const events: EventInput[] = [
    {
      accountId: action.account_id,
      name: "agent_action.updated",
      payload: { actionId: action.id, orderId: action.order_id },
    },
  ];
  if (action.conversation_id) {
    const entry = await trx
      .insertInto("messages")
      .values({
        account_id: action.account_id,
        conversation_id: action.conversation_id,
        direction: "note",
        text,
        metadata: JSON.stringify(meta),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    events.push({
      accountId: action.account_id,
      name: "message.created",
      payload: { conversationId: action.conversation_id, messageId: entry.id },
    });
  }
  await recordEvents(trx, events);
}

async function finish(
  services: Services,
  action: AgentAction,
  outcome: { status: "done"; externalId: string } | { status: "failed"; error: string },
) {
  await services.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("action_pushes")
      .set({
        status: outcome.status,
        external_id: outcome.status === "done" ? outcome.externalId : null,
        error: outcome.status === "failed" ? outcome.error : null,
        updated_at: new Date(),
      })
      .where("account_id", "=", action.account_id)
      .where("action_id", "=", action.id)
      .execute();
    const what =
      action.type === "refund"
        ? `refund of ${fromCents(action.amount_cents).toFixed(2)} ${action.currency}`
        : "replacement draft order";
    await journalPush(
      trx,
      action,
      outcome.status === "done"
        ? `Shopify: ${what} created (${outcome.externalId}).`
        : `Shopify: the ${what} could not be created — ${outcome.error}`,
      {
        system: "shop_push",
        actionId: action.id,
        shop: "shopify",
        what: action.type === "refund" ? "refund" : "replacement",
        result: outcome.status === "done" ? "created" : "failed",
        amount: fromCents(action.amount_cents),
        currency: action.currency,
        externalId: outcome.status === "done" ? outcome.externalId : null,
        error: outcome.status === "failed" ? outcome.error : null,
      },
    );
  });
}

/**
 * Sends one action to Shopify, exactly once: a refund carries the action's id as Shopify's
 * `@idempotent` key; a draft order is tagged with it and looked for before a retry creates one.
 * Throttled, it waits what Shopify says; a refusal (a bad token, a userError) is kept on the
 * action and told to the agent; network and 5xx failures are tried again, up to MAX_ATTEMPTS.
 */
export const shopifyPushActionTask: TaskDefinition<z.infer<typeof ZPush>, Services> = {
  name: SHOPIFY_PUSH_ACTION,
  schema: ZPush,
  retryLimit: 3,
  retryDelaySeconds: 5,
  async run(services, payload) {
    const push = await services.db
      .updateTable("action_pushes")
      .set((eb) => ({
        status: "sending",
        attempts: eb("attempts", "+", 1),
        updated_at: new Date(),
      }))
      .where("account_id", "=", payload.accountId)
      .where("action_id", "=", payload.actionId)
      .where("status", "in", ["pending", "sending"])
      .returningAll()
      .executeTakeFirst();
    if (!push) return;
    const action = await services.db
      .selectFrom("agent_actions")
      .selectAll()
      .where("account_id", "=", payload.accountId)
      .where("id", "=", payload.actionId)
      .executeTakeFirstOrThrow();
    const row = await services.db
      .selectFrom("channels")
      .selectAll()
      .where("account_id", "=", payload.accountId)
      .where("id", "=", push.channel_id)
      .executeTakeFirstOrThrow();
    const channel = resolveChannel(row, services.secrets).channel as ShopifyChannel;
    const context = { services, channel, action, attempt: push.attempts };
    try {
      const externalId =
        action.type === "refund"
          ? await createShopifyRefund(context)
          : await createReplacementDraft(context);
      await finish(services, action, { status: "done", externalId });
    } catch (error) {
      if (!(error instanceof ShopifyError)) throw error;
      const again =
        error.failure === "throttled" ||
        (error.failure === "retryable" && push.attempts < MAX_ATTEMPTS);
      if (!again) {
        await finish(services, action, { status: "failed", error: error.message });
        return;
      }
      const waitMs = error.retryAfterMs ?? Math.min(60_000, 1000 * 2 ** push.attempts);
      await services.queue.send(services.db, SHOPIFY_PUSH_ACTION, payload, {
        startAfter: new Date(Date.now() + waitMs),
      });
    }
  },
};
