import type { Kysely } from "kysely";
import type { TConversationOrder } from "../../shared/backoffice.ts";
import type { DB } from "../db/schema.ts";
import { findOrdersByNumber, listOrders, withDetails } from "../models/orders.ts";
import { presentOrder } from "../presenters/backoffice.ts";
import { orderNumberCandidates } from "./orderNumbers.ts";

/** How many of the contact's latest orders sit beside the conversation. */
const RECENT = 5;

/**
 * The orders an agent sees beside a conversation: those the customer named in their messages
 * (flagged when another customer placed them), then the contact's most recent ones.
 */
export async function conversationOrders(
  db: Kysely<DB>,
  accountId: string,
  conversation: { contact_id: string },
  inboundTexts: readonly string[],
): Promise<TConversationOrder[]> {
  const [mentioned, recent] = await Promise.all([
    findOrdersByNumber(db, accountId, orderNumberCandidates(inboundTexts)),
    listOrders(db, accountId, { contactId: conversation.contact_id, limit: RECENT }),
  ]);
  const mentionedIds = new Set(mentioned.map((order) => order.id));
  const orders = [...mentioned, ...recent.filter((order) => !mentionedIds.has(order.id))];
  const detailed = await withDetails(db, accountId, orders);
  return detailed.map((order) => ({
    ...presentOrder(order),
    mentioned: mentionedIds.has(order.id),
    otherCustomer: order.contact_id !== conversation.contact_id,
  }));
}
