import { type Kysely, sql } from "kysely";
import { z } from "zod";
import { customerContacts } from "../../backoffice/orderUpsert.ts";
import { applyRecords, type ShopRecord } from "../../backoffice/recordStore.ts";
import { toCents } from "../../backoffice/values.ts";
import { normaliseEmail, normalisePhone } from "../../commands/contactResolver.ts";
import type { DB } from "../../db/schema.ts";
import { type EventInput, recordEvents } from "../../events/outbox.ts";
import type { TaskDefinition } from "../../jobs/queue.ts";
import type { Services } from "../../services.ts";
import { resolveChannel } from "../resolve.ts";
import type { ShopifyChannel } from "./config.ts";
import { ShopifyError, shopifyGraphql, shopifyHttp } from "./graphql.ts";
import { type LinkInput, saveLinks } from "./links.ts";
import { fromGraphqlOrder, type GraphqlOrder } from "./orders.ts";
import { CUSTOMERS_QUERY, ORDERS_QUERY, type Page, SHOP_QUERY, VARIANTS_QUERY } from "./queries.ts";

export const SHOPIFY_SYNC = "shopify-sync";
/** Records per page, and so per transaction: small enough for a job, cheap in query cost. */
export const SYNC_PAGE = 50;
const PHASES = ["customers", "products", "orders"] as const;
type Phase = (typeof PHASES)[number];

const ZSync = z.object({
  accountId: z.uuid(),
  channelId: z.uuid(),
  phase: z.enum(PHASES),
  cursor: z.string().nullable(),
  currency: z.string().length(3).optional(),
});
type SyncJob = z.infer<typeof ZSync>;

interface CustomerNode {
  firstName: string | null;
  lastName: string | null;
  defaultEmailAddress: { emailAddress: string | null } | null;
  defaultPhoneNumber: { phoneNumber: string | null } | null;
}

interface VariantNode {
  id: string;
  sku: string | null;
  title: string;
  price: string;
  product: { title: string };
  inventoryItem: {
    id: string;
    inventoryLevels: {
      nodes: Array<{ location: { id: string }; quantities: Array<{ quantity: number }> }>;
    };
  } | null;
}

type Scope = { accountId: string; channelId: string };

async function storeCustomers(trx: Kysely<DB>, scope: Scope, nodes: CustomerNode[]) {
  const customers = nodes.flatMap((node) => {
    const email = normaliseEmail(node.defaultEmailAddress?.emailAddress);
    const phone = normalisePhone(node.defaultPhoneNumber?.phoneNumber);
    const name = [node.firstName, node.lastName].filter(Boolean).join(" ");
    if (!email && !phone) return [];
    return [
      { ...(email ? { email } : {}), ...(phone ? { phone } : {}), ...(name ? { name } : {}) },
    ];
  });
  const events: EventInput[] = [];
  await customerContacts(trx, scope.accountId, customers, events);
  await recordEvents(trx, events);
}

async function storeVariants(
  trx: Kysely<DB>,
  scope: Scope,
  nodes: VariantNode[],
  currency: string,
) {
  const links: LinkInput[] = [];
  const records: ShopRecord[] = [];
  for (const variant of nodes) {
    const sku = variant.sku?.trim() || `shopify-${variant.id.split("/").pop()}`;
    const item = variant.inventoryItem;
    links.push({
      resource: "variant",
      externalId: variant.id,
      localKey: sku,
      data: { inventoryItemId: item?.id ?? null },
    });
    let stock: number | undefined;
    if (item) {
      links.push({ resource: "inventory_item", externalId: item.id, localKey: sku });
      stock = 0;
      for (const level of item.inventoryLevels.nodes) {
        const available = level.quantities[0]?.quantity ?? 0;
        stock += Math.max(0, available);
        links.push({
          resource: "inventory_level",
          externalId: `${item.id}|${level.location.id}`,
          localKey: sku,
          data: { available },
        });
      }
    }
    const title = variant.title === "Default Title" ? "" : ` — ${variant.title}`;
    records.push({
      type: "stock.update",
      product: {
        sku,
        name: `${variant.product.title}${title}`,
        priceCents: toCents(variant.price) ?? 0,
        currency,
        ...(stock !== undefined ? { stock } : {}),
      },
    });
  }
  await saveLinks(trx, scope, links);
  await applyRecords(trx, scope.accountId, "shopify", records);
}

async function storeOrders(trx: Kysely<DB>, scope: Scope, nodes: GraphqlOrder[]) {
  const links: LinkInput[] = [];
  const records: ShopRecord[] = [];
  for (const node of nodes) {
    const order = fromGraphqlOrder(node);
    if (!order) continue;
    links.push({
      resource: "order",
      externalId: node.id,
      localKey: order.number,
      data: { updatedAt: node.updatedAt ?? node.createdAt },
    });
    records.push({ type: "order.upsert", order });
  }
  await saveLinks(trx, scope, links);
  // A first sync brings history: old delays are not announced again (webhooks announce news).
  await applyRecords(trx, scope.accountId, "shopify", records);
}

const QUERIES: Record<Phase, string> = {
  customers: CUSTOMERS_QUERY,
  products: VARIANTS_QUERY,
  orders: ORDERS_QUERY,
};

async function saveSyncState(
  trx: Kysely<DB>,
  scope: Scope,
  state: Record<string, unknown>,
): Promise<void> {
  await trx
    .updateTable("channels")
    .set({
      state: sql`state || jsonb_build_object('sync', ${JSON.stringify({ ...state, at: new Date().toISOString() })}::jsonb)`,
    })
    .where("account_id", "=", scope.accountId)
    .where("id", "=", scope.channelId)
    .execute();
}

/** Starts (or restarts) the initial sync of a Shopify channel, in the caller's transaction. */
export async function startShopifySync(services: Services, trx: Kysely<DB>, scope: Scope) {
  await services.queue.send(
    trx,
    SHOPIFY_SYNC,
    { ...scope, phase: "customers", cursor: null },
    { singletonKey: scope.channelId, allowDuplicate: true },
  );
}

async function runPage(services: Services, channel: ShopifyChannel, job: SyncJob) {
  const scope = { accountId: job.accountId, channelId: job.channelId };
  const http = shopifyHttp(services.env);
  const currency =
    job.currency ??
    (await shopifyGraphql<{ shop: { currencyCode: string } }>(channel, SHOP_QUERY, {}, http)).shop
      .currencyCode;
  const data = await shopifyGraphql<Record<string, Page<unknown>>>(
    channel,
    QUERIES[job.phase],
    { first: SYNC_PAGE, after: job.cursor },
    http,
  );
  const page = Object.values(data)[0] as Page<unknown>;
  const nextPhase = PHASES[PHASES.indexOf(job.phase) + 1];
  const next: SyncJob | null = page.pageInfo.hasNextPage
    ? { ...job, currency, cursor: page.pageInfo.endCursor }
    : nextPhase
      ? { ...job, currency, phase: nextPhase, cursor: null }
      : null;
  // The page, the progress and the next page's job commit together: a crash repeats one page.
  await services.db.transaction().execute(async (trx) => {
    if (job.phase === "customers") await storeCustomers(trx, scope, page.nodes as CustomerNode[]);
    if (job.phase === "products") {
      await storeVariants(trx, scope, page.nodes as VariantNode[], currency);
    }
    if (job.phase === "orders") await storeOrders(trx, scope, page.nodes as GraphqlOrder[]);
    await saveSyncState(trx, scope, {
      status: next ? "running" : "done",
      phase: job.phase,
      cursor: page.pageInfo.endCursor,
      error: null,
    });
    if (next) await services.queue.send(trx, SHOPIFY_SYNC, next);
  });
}

/**
 * The initial sync of a Shopify channel, one page per job (customers, then products with their
 * inventory levels, then orders with their fulfillments): bounded batches, progress kept in the
 * channel's state. Throttled, it waits what Shopify's cost figures say; refused (a bad token),
 * it stops and says why in the channel's state.
 */
export const shopifySyncTask: TaskDefinition<SyncJob, Services> = {
  name: SHOPIFY_SYNC,
  schema: ZSync,
  retryLimit: 5,
  retryDelaySeconds: 10,
  expireInSeconds: 300,
  async run(services, job) {
    const row = await services.db
      .selectFrom("channels")
      .selectAll()
      .where("account_id", "=", job.accountId)
      .where("id", "=", job.channelId)
      .where("disabled_at", "is", null)
      .executeTakeFirst();
    if (row?.kind !== "shopify") return;
    const channel = resolveChannel(row, services.secrets).channel as ShopifyChannel;
    const log = services.log.child({ accountId: row.account_id, channelId: row.id });
    try {
      await runPage(services, channel, job);
    } catch (error) {
      if (!(error instanceof ShopifyError) || error.failure === "retryable") throw error;
      if (error.failure === "throttled") {
        log.info({ waitMs: error.retryAfterMs, phase: job.phase }, "shopify sync throttled");
        await services.queue.send(services.db, SHOPIFY_SYNC, job, {
          startAfter: new Date(Date.now() + (error.retryAfterMs ?? 1000)),
        });
        return;
      }
      log.warn({ err: error, phase: job.phase }, "shopify sync stopped");
      await saveSyncState(services.db, job, {
        status: "failed",
        phase: job.phase,
        cursor: job.cursor,
        error: error.message,
      });
    }
  },
};
