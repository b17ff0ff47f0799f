import { z } from "zod";

export { ZOrder, ZOrderSummary } from "../../../../shared/backoffice.ts";

export const ZOrderListQuery = z.object({
  contactId: z.string().uuid().optional().describe("The contact's orders only"),
  q: z.string().trim().min(1).max(100).optional().describe("The start of an order number"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
