import { z } from "zod";

export {
  ZActionRequest,
  ZAgentAction,
  ZApproval,
  ZArrivalEstimates,
  ZAuthorityLimits,
  ZMyLimits,
} from "../../../../shared/backoffice.ts";

export const ZApprovalListQuery = z.object({
  status: z.enum(["pending", "approved", "rejected"]).optional(),
});

export const ZApprovalDecision = z.object({
  reason: z.string().trim().max(1000).nullable().default(null),
});
