import { type Kysely, sql } from "kysely";
import { applyShipments } from "../backoffice/orderUpsert.ts";
import type { Delay, DelaySkip } from "../db/schema/backoffice.ts";
import type { DB } from "../db/schema.ts";
import { validationFailed } from "../errors.ts";
import { type EventInput, recordAudit, recordEvents } from "../events/outbox.ts";
import { customerLanguage, customerString } from "../i18n/customer.ts";
import type { Services } from "../services.ts";
import { deliveryScheduler } from "./deliveryScheduler.ts";

export interface DelayCriteria {
  sku?: string;
  orderNumbers?: string[];
  carrier?: string;
}

export interface DelayAnnouncerProps {
  accountId: string;
  actorUserId: string | null;
  criteria: DelayCriteria;
  newExpectedDelivery: string;
  reason: string;
  idempotencyKey: string;
}

interface AffectedOrder {
  id: string;
  number: string;
  contact_id: string;
}

/** Orders matching every criterion given, not yet delivered. */
async function affectedOrders(
  trx: Kysely<DB>,
  accountId: string,
  criteria: DelayCriteria,
): Promise<AffectedOrder[]> {
  const { sku, orderNumbers, carrier } = criteria;
  return trx
    .selectFrom("orders as o")
    .select(["o.id", "o.number", "o.contact_id"])
    .where("o.account_id", "=", accountId)
    .where("o.status", "!=", "delivered")
    .$if(sku !== undefined, (query) =>
      query.where((eb) =>
        eb.exists(
          eb
            .selectFrom("order_lines as l")
            .select("l.id")
            .whereRef("l.account_id", "=", "o.account_id")
            .whereRef("l.order_id", "=", "o.id")
            .where("l.sku", "=", sku as string),
        ),
      ),
    )
    .$if(orderNumbers !== undefined, (query) =>
      query.where("o.number", "in", orderNumbers as string[]),
    )
    .$if(carrier !== undefined, (query) =>
      query.where((eb) =>
        eb.exists(
          eb
            .selectFrom("shipments as s")
            .select("s.id")
            .whereRef("s.account_id", "=", "o.account_id")
            .whereRef("s.order_id", "=", "o.id")
            .where("s.carrier", "=", carrier as string)
            .where("s.status", "not in", ["delivered", "returned", "lost"]),
        ),
      ),
    )
    .orderBy("o.number")
    .execute();
}

/** The conversation that reaches the customer on the channel they last used with us. */
async function reachingConversation(trx: Kysely<DB>, accountId: string, contactId: string) {
  return trx
    .selectFrom("conversations as c")
    .innerJoin("channels as ch", (join) =>
      join.onRef("ch.account_id", "=", "c.account_id").onRef("ch.id", "=", "c.channel_id"),
    )
    .innerJoin("contacts as ct", (join) =>
      join.onRef("ct.account_id", "=", "c.account_id").onRef("ct.id", "=", "c.contact_id"),
    )
    .select(["c.id", "c.channel_id", "c.language", "ct.locale", "c.status"])
    .where("c.account_id", "=", accountId)
    .where("c.contact_id", "=", contactId)
    .where("ch.disabled_at", "is", null)
    .orderBy(sql`coalesce(c.last_inbound_at, c.created_at)`, "desc")
    .limit(1)
    .executeTakeFirst();
}

/**
 * Tells every customer hit by a delay, before they ask: the orders matching the criteria that
 * are not yet delivered get the new date (a `delayed` event in their shipments' history), and
 * each of their customers gets one message on the channel they last used with us, in their
 * language, in that conversation, sent through the outbox. Everything is one transaction, so a
 * process killed half-way told nobody and the retry tells everyone once; the same idempotency
 * key returns the first announcement and tells nobody again.
 */
export async function delayAnnouncer(services: Services, props: DelayAnnouncerProps) {
  const { accountId, criteria } = props;
  if (!criteria.sku && !criteria.orderNumbers?.length && !criteria.carrier) {
    throw validationFailed("Name a sku, orderNumbers or a carrier.");
  }
  return services.db.transaction().execute(async (trx): Promise<Delay> => {
    const claimed = await trx
      .insertInto("delays")
      .values({
        account_id: accountId,
        idempotency_key: props.idempotencyKey,
        criteria: JSON.stringify(criteria),
        new_expected_delivery: props.newExpectedDelivery,
        reason: props.reason,
        created_by: props.actorUserId,
      })
      .onConflict((conflict) => conflict.columns(["account_id", "idempotency_key"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!claimed) {
      return trx
        .selectFrom("delays")
        .selectAll()
        .where("account_id", "=", accountId)
        .where("idempotency_key", "=", props.idempotencyKey)
        .executeTakeFirstOrThrow();
    }
    const orders = await affectedOrders(trx, accountId, criteria);
    await delayShipments(trx, accountId, orders, props.newExpectedDelivery);
    const account = await trx
      .selectFrom("accounts")
      .select("locale")
      .where("id", "=", accountId)
      .executeTakeFirstOrThrow();
    const byContact = new Map<string, AffectedOrder[]>();
    for (const order of orders) {
      byContact.set(order.contact_id, [...(byContact.get(order.contact_id) ?? []), order]);
    }
    const skipped: DelaySkip[] = [];
    const events: EventInput[] = [];
    let notified = 0;
    for (const [contactId, theirs] of byContact) {
      const conversation = await reachingConversation(trx, accountId, contactId);
      if (!conversation) {
        for (const order of theirs) {
          skipped.push({ orderNumber: order.number, reason: "no channel reaches the customer" });
        }
        continue;
      }
      const language = customerLanguage(conversation.locale, conversation.language, account.locale);
      const text = customerString("delay.notice", language, {
        orders: theirs.map((order) => order.number).join(", "),
        date: props.newExpectedDelivery,
        reason: props.reason,
      });
      const message = await trx
        .insertInto("messages")
        .values({
          account_id: accountId,
          conversation_id: conversation.id,
          channel_id: conversation.channel_id,
          direction: "out",
          author_user_id: props.actorUserId,
          text,
          metadata: JSON.stringify({ delayId: claimed.id }),
          delivery_status: "queued",
        })
        .returning(["account_id", "id"])
        .executeTakeFirstOrThrow();
      await deliveryScheduler(services, trx, message);
      await trx
        .insertInto("delay_recipients")
        .values({
          account_id: accountId,
          delay_id: claimed.id,
          contact_id: contactId,
          conversation_id: conversation.id,
          message_id: message.id,
          order_numbers: JSON.stringify(theirs.map((order) => order.number)),
        })
        .execute();
      events.push({
        accountId,
        name: "message.created",
        payload: { conversationId: conversation.id, messageId: message.id },
        actorUserId: props.actorUserId,
      });
      notified += 1;
    }
    const delay = await trx
      .updateTable("delays")
      .set({ affected_orders: orders.length, notified, skipped: JSON.stringify(skipped) })
      .where("account_id", "=", accountId)
      .where("id", "=", claimed.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    events.push({
      accountId,
      name: "delay.created",
      payload: { delayId: delay.id },
      actorUserId: props.actorUserId,
    });
    await recordEvents(trx, events);
    await recordAudit(trx, {
      accountId,
      actorUserId: props.actorUserId,
      action: "delay.create",
      subjectType: "delay",
      subjectId: delay.id,
      data: { criteria, newExpectedDelivery: props.newExpectedDelivery, notified },
    });
    return delay;
  });
}

/** The affected orders' open shipments take the new date, with a `delayed` event. */
async function delayShipments(
  trx: Kysely<DB>,
  accountId: string,
  orders: AffectedOrder[],
  date: string,
) {
  if (orders.length === 0) return;
  const shipments = await trx
    .selectFrom("shipments")
    .select(["order_id", "carrier", "tracking_number"])
    .where("account_id", "=", accountId)
    .where(
      "order_id",
      "in",
      orders.map((order) => order.id),
    )
    .where("status", "in", ["pending", "in_transit", "delayed"])
    .execute();
  await applyShipments(
    trx,
    accountId,
    shipments.map((row) => ({
      orderId: row.order_id,
      shipment: {
        carrier: row.carrier,
        trackingNumber: row.tracking_number,
        status: "delayed" as const,
        expectedDelivery: date,
      },
    })),
  );
}
