import type { Kysely } from "kysely";
import {
  type AffectedOrder,
  type DelayCriteria,
  type DelayReasonCode,
  delayPlan,
} from "../backoffice/delayPlan.ts";
import { applyShipments } from "../backoffice/orderUpsert.ts";
import type { Delay } from "../db/schema/backoffice.ts";
import type { DB } from "../db/schema.ts";
import { validationFailed } from "../errors.ts";
import { type EventInput, recordAudit, recordEvents } from "../events/outbox.ts";
import type { Services } from "../services.ts";
import { deliveryScheduler } from "./deliveryScheduler.ts";

export interface DelayAnnouncerProps {
  accountId: string;
  actorUserId: string | null;
  criteria: DelayCriteria;
  newExpectedDelivery: string;
  reason: string;
  /** A reason Relais gives by itself, told to each customer in their language. */
  reasonCode?: DelayReasonCode;
  idempotencyKey: string;
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
    const { orders, notices, skipped } = await delayPlan(trx, accountId, props);
    await delayShipments(trx, accountId, orders, props.newExpectedDelivery);
    const events: EventInput[] = [];
    for (const notice of notices) {
      const message = await trx
        .insertInto("messages")
        .values({
          account_id: accountId,
          conversation_id: notice.conversationId,
          channel_id: notice.channel.id,
          direction: "out",
          author_user_id: props.actorUserId,
          text: notice.text,
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
          contact_id: notice.contact.id,
          conversation_id: notice.conversationId,
          message_id: message.id,
          order_numbers: JSON.stringify(notice.orderNumbers),
        })
        .execute();
      events.push({
        accountId,
        name: "message.created",
        payload: { conversationId: notice.conversationId, messageId: message.id },
        actorUserId: props.actorUserId,
      });
    }
    const notified = notices.length;
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
