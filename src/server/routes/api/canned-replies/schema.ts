import { z } from "zod";

export {
  type TCannedReplyCreateRequest,
  type TCannedReplyUpdateRequest,
  ZCannedReply,
  ZCannedReplyCreateRequest,
  ZCannedReplyRendered,
  ZCannedReplyRenderRequest,
  ZCannedReplyUpdateRequest,
} from "../../../../shared/rules.ts";

export const ZCannedReplyListQuery = z.object({
  q: z.string().trim().min(1).max(100).optional().describe("Part of the shortcut or title"),
});
export type TCannedReplyListQuery = z.infer<typeof ZCannedReplyListQuery>;
