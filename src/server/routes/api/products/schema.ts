import { z } from "zod";

export { ZProduct } from "../../../../shared/backoffice.ts";

export const ZProductListQuery = z.object({
  q: z.string().trim().min(1).max(100).optional().describe("Part of the SKU or name"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZSkuParams = z.object({ sku: z.string().min(1).max(200) });
