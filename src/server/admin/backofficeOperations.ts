import { z } from "zod";
import { importOrders, importProducts, readRows } from "../backoffice/importer.ts";
import { announceRestockDelays } from "../backoffice/restockDelays.ts";
import { announceShipmentDelays } from "../backoffice/shipmentDelays.ts";
import { findAccountBySlug } from "../commands/accountCreator.ts";
import { delayAnnouncer } from "../commands/delayAnnouncer.ts";
import { notFound } from "../errors.ts";
import { presentDelay } from "../presenters/backoffice.ts";
import type { Services } from "../services.ts";
import type { Operation } from "./operations.ts";

const ZImport = z.object({
  account: z.string().min(1),
  /** The file's text, read by the CLI (which may talk to a running server). */
  content: z.string(),
  format: z.enum(["csv", "json"]),
});

async function accountId(services: Services, slug: string): Promise<string> {
  const account = await findAccountBySlug(services.db, slug);
  if (!account) throw notFound(`Account "${slug}"`);
  return account.id;
}

const importProductsOperation: Operation<z.infer<typeof ZImport>> = {
  schema: ZImport,
  async run(services, args, progress) {
    const id = await accountId(services, args.account);
    const summary = await importProducts(
      services.db,
      id,
      readRows(args.content, args.format),
      progress,
    );
    const delayNotified = await announceRestockDelays(services, id, summary.restockMoved);
    return { ...summary, delayNotified };
  },
};

const importOrdersOperation: Operation<z.infer<typeof ZImport>> = {
  schema: ZImport,
  async run(services, args, progress) {
    const id = await accountId(services, args.account);
    const summary = await importOrders(
      services.db,
      id,
      readRows(args.content, args.format),
      progress,
    );
    const delayNotified = await announceShipmentDelays(services, id, summary.delayedShipmentIds);
    return { ...summary, delayNotified };
  },
};

const ZDelay = z.object({
  account: z.string().min(1),
  sku: z.string().min(1),
  until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD"),
  reason: z.string().min(1),
});

/** The CLI's delay: one announcement per SKU, date and reason (so a rerun tells nobody twice). */
const delayOperation: Operation<z.infer<typeof ZDelay>> = {
  schema: ZDelay,
  async run(services, args) {
    const delay = await delayAnnouncer(services, {
      accountId: await accountId(services, args.account),
      actorUserId: null,
      criteria: { sku: args.sku },
      newExpectedDelivery: args.until,
      reason: args.reason,
      idempotencyKey: `cli:${args.sku}:${args.until}:${args.reason}`,
    });
    return presentDelay(delay);
  },
};

/** The back office's operations, registered with the others in operations.ts. */
export const backofficeOperations = {
  "import.products": importProductsOperation,
  "import.orders": importOrdersOperation,
  delay: delayOperation,
};
