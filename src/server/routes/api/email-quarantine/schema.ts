import { z } from "zod";
import { QUARANTINE_STATUSES } from "../../../../shared/emailQuarantine.ts";
import { ZId } from "../../route.ts";

export const ZEmailQuarantineListQuery = z.object({
  status: z.enum(QUARANTINE_STATUSES).default("pending"),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type TEmailQuarantineListQuery = z.infer<typeof ZEmailQuarantineListQuery>;

export const ZEmailQuarantineAssignRequest = z.union([
  z.object({ contactId: ZId.describe("An existing contact of the account") }).strict(),
  z
    .object({
      email: z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.email().max(320))
        .describe("The sender's address: their contact is found or created"),
    })
    .strict(),
]);
export type TEmailQuarantineAssignRequest = z.infer<typeof ZEmailQuarantineAssignRequest>;
