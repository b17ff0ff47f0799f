import { z } from "zod";
import { importOrders, importProducts, readRows } from "../backoffice/importer.ts";
import { findAccountBySlug } from "../commands/accountCreator.ts";
import { notFound } from "../errors.ts";
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
    return importProducts(services.db, id, readRows(args.content, args.format), progress);
  },
};

const importOrdersOperation: Operation<z.infer<typeof ZImport>> = {
  schema: ZImport,
  async run(services, args, progress) {
    const id = await accountId(services, args.account);
    return importOrders(services.db, id, readRows(args.content, args.format), progress);
  },
};

/** The back office's operations, registered with the others in operations.ts. */
export const backofficeOperations = {
  "import.products": importProductsOperation,
  "import.orders": importOrdersOperation,
};
