import { type Kysely, sql } from "kysely";
import type { ShopLinkResource } from "../../db/schema/shop.ts";
import type { DB } from "../../db/schema.ts";

export interface LinkInput {
  resource: ShopLinkResource;
  externalId: string;
  localKey: string;
  data?: Record<string, unknown>;
}

/** Remembers the shop's ids (in the caller's transaction); a known id takes the new values. */
export async function saveLinks(
  trx: Kysely<DB>,
  scope: { accountId: string; channelId: string },
  links: readonly LinkInput[],
): Promise<void> {
  if (links.length === 0) return;
  const unique = new Map(links.map((link) => [`${link.resource}\u0000${link.externalId}`, link]));
  await trx
    .insertInto("shop_links")
    .values(
      [...unique.values()].map((link) => ({
        account_id: scope.accountId,
        channel_id: scope.channelId,
        resource: link.resource,
        external_id: link.externalId,
        local_key: link.localKey,
        data: JSON.stringify(link.data ?? {}),
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(["account_id", "channel_id", "resource", "external_id"]).doUpdateSet({
        local_key: (eb) => eb.ref("excluded.local_key"),
        data: (eb) => eb.ref("excluded.data"),
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();
}

/** The local key (order number, SKU) the shop's id stands for, or null. */
export async function findLink(
  db: Kysely<DB>,
  scope: { accountId: string; channelId: string },
  resource: ShopLinkResource,
  externalId: string,
) {
  return db
    .selectFrom("shop_links")
    .select(["local_key", "data"])
    .where("account_id", "=", scope.accountId)
    .where("channel_id", "=", scope.channelId)
    .where("resource", "=", resource)
    .where("external_id", "=", externalId)
    .executeTakeFirst();
}

/** The shop's ids for local keys (`SKU` → variant), on one channel. */
export async function linksFor(
  db: Kysely<DB>,
  scope: { accountId: string; channelId: string },
  resource: ShopLinkResource,
  localKeys: readonly string[],
) {
  if (localKeys.length === 0) return [];
  return db
    .selectFrom("shop_links")
    .select(["external_id", "local_key", "data"])
    .where("account_id", "=", scope.accountId)
    .where("channel_id", "=", scope.channelId)
    .where("resource", "=", resource)
    .where("local_key", "in", [...localKeys])
    .execute();
}

/** A SKU's stock: what every location of the shop has available, together. */
export async function availableAt(
  trx: Kysely<DB>,
  scope: { accountId: string; channelId: string },
  sku: string,
): Promise<number> {
  const row = await trx
    .selectFrom("shop_links")
    .select(sql<string>`coalesce(sum((data->>'available')::integer), 0)`.as("available"))
    .where("account_id", "=", scope.accountId)
    .where("channel_id", "=", scope.channelId)
    .where("resource", "=", "inventory_level")
    .where("local_key", "=", sku)
    .executeTakeFirstOrThrow();
  return Math.max(0, Number(row.available));
}
