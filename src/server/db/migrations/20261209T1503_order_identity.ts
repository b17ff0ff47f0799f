import type { Migration } from "../migrate.ts";

/**
 * The customer identity (email or phone) an order was matched by, so that undoing a contact merge
 * sends back the orders that reached the survivor through an identity that goes back.
 */
export const orderIdentity: Migration = {
  name: "20261209T1503_order_identity",
  statements: [`alter table orders add column identity_id uuid`],
};
