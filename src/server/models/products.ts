import type { Kysely } from "kysely";
import type { Product } from "../db/schema/backoffice.ts";
import type { DB } from "../db/schema.ts";
import { notFound } from "../errors.ts";

/** The account's products by SKU; with `q`, those whose SKU or name contains it. */
export async function listProducts(
  db: Kysely<DB>,
  accountId: string,
  filter: { q?: string; limit: number },
): Promise<Product[]> {
  const pattern = `%${(filter.q ?? "").replace(/[%_\\]/g, "\\$&")}%`;
  return db
    .selectFrom("products")
    .selectAll()
    .where("account_id", "=", accountId)
    .$if(filter.q !== undefined, (query) =>
      query.where((eb) => eb.or([eb("sku", "ilike", pattern), eb("name", "ilike", pattern)])),
    )
    .orderBy("sku")
    .limit(filter.limit)
    .execute();
}

export async function loadProductBySku(
  db: Kysely<DB>,
  accountId: string,
  sku: string,
): Promise<Product> {
  const product = await db
    .selectFrom("products")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("sku", "=", sku)
    .executeTakeFirst();
  if (!product) throw notFound("Product");
  return product;
}
