import { type Kysely, sql } from "kysely";
import type { DelaySkip } from "../db/schema/backoffice.ts";
import type { DB } from "../db/schema.ts";
import { customerDate, customerLanguage, customerString } from "../i18n/customer.ts";

export interface DelayCriteria {
  sku?: string;
  orderNumbers?: string[];
  carrier?: string;
}

/** Reasons Relais gives by itself (a carrier's delay, a restock), said in the customer's words. */
export type DelayReasonCode = "carrier" | "restock";

export interface DelayPlanProps {
  criteria: DelayCriteria;
  newExpectedDelivery: string;
  /** The agent's words, sent as written; the record's reason when `reasonCode` is given. */
  reason: string;
  reasonCode?: DelayReasonCode;
}

export interface AffectedOrder {
  id: string;
  number: string;
  contact_id: string;
}

/** One customer to tell: where, in which language, and the very text they will receive. */
export interface DelayNotice {
  contact: { id: string; name: string | null; email: string | null };
  conversationId: string;
  channel: { id: string; kind: string; name: string };
  language: "fr" | "en";
  orderNumbers: string[];
  text: string;
}

export interface DelayPlan {
  orders: AffectedOrder[];
  notices: DelayNotice[];
  skipped: DelaySkip[];
}

/** Orders matching every criterion given, not yet delivered. */
async function affectedOrders(
  db: Kysely<DB>,
  accountId: string,
  criteria: DelayCriteria,
): Promise<AffectedOrder[]> {
  const { sku, orderNumbers, carrier } = criteria;
  return db
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
async function reachingConversation(db: Kysely<DB>, accountId: string, contactId: string) {
  return db
    .selectFrom("conversations as c")
    .innerJoin("channels as ch", (join) =>
      join.onRef("ch.account_id", "=", "c.account_id").onRef("ch.id", "=", "c.channel_id"),
    )
    .innerJoin("contacts as ct", (join) =>
      join.onRef("ct.account_id", "=", "c.account_id").onRef("ct.id", "=", "c.contact_id"),
    )
    .select([
      "c.id",
      "c.channel_id",
      "c.language",
      "ct.locale",
      "ct.name as contact_name",
      "ct.email as contact_email",
      "ch.kind as channel_kind",
      "ch.name as channel_name",
    ])
    .where("c.account_id", "=", accountId)
    .where("c.contact_id", "=", contactId)
    .where("ch.disabled_at", "is", null)
    .orderBy(sql`coalesce(c.last_inbound_at, c.created_at)`, "desc")
    .limit(1)
    .$narrowType<{ channel_id: string }>()
    .executeTakeFirst();
}

/** The delay notice in `language`, as the customer receives it, the date in their words. */
export function delayNoticeText(
  language: "fr" | "en",
  orderNumbers: readonly string[],
  props: Pick<DelayPlanProps, "newExpectedDelivery" | "reason" | "reasonCode">,
): string {
  return customerString("delay.notice", language, {
    orders: orderNumbers.join(", "),
    date: customerDate(language, props.newExpectedDelivery),
    reason: props.reasonCode
      ? customerString(`delay.reason.${props.reasonCode}`, language)
      : props.reason,
  });
}

/**
 * Who a delay reaches and with what words, read only: the orders it hits, one notice per
 * customer (the channel they last used with us, their language, the text), and the orders no
 * channel reaches. The announcer sends exactly this plan; the preview shows it and stores nothing.
 */
export async function delayPlan(
  db: Kysely<DB>,
  accountId: string,
  props: DelayPlanProps,
): Promise<DelayPlan> {
  const orders = await affectedOrders(db, accountId, props.criteria);
  const account = await db
    .selectFrom("accounts")
    .select("locale")
    .where("id", "=", accountId)
    .executeTakeFirstOrThrow();
  const byContact = new Map<string, AffectedOrder[]>();
  for (const order of orders) {
    byContact.set(order.contact_id, [...(byContact.get(order.contact_id) ?? []), order]);
  }
  const notices: DelayNotice[] = [];
  const skipped: DelaySkip[] = [];
  for (const [contactId, theirs] of byContact) {
    const conversation = await reachingConversation(db, accountId, contactId);
    if (!conversation) {
      for (const order of theirs) {
        skipped.push({ orderNumber: order.number, reason: "no channel reaches the customer" });
      }
      continue;
    }
    const language = customerLanguage(conversation.locale, conversation.language, account.locale);
    const orderNumbers = theirs.map((order) => order.number);
    notices.push({
      contact: {
        id: contactId,
        name: conversation.contact_name,
        email: conversation.contact_email,
      },
      conversationId: conversation.id,
      channel: {
        id: conversation.channel_id,
        kind: conversation.channel_kind,
        name: conversation.channel_name,
      },
      language,
      orderNumbers,
      text: delayNoticeText(language, orderNumbers, props),
    });
  }
  return { orders, notices, skipped };
}
