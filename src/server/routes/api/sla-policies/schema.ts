import { z } from "zod";
import { CHANNEL_KINDS, PRIORITIES } from "../../../../shared/enums.ts";

export {
  ZHoliday,
  ZHolidays,
  ZSlaPolicy,
  ZSlaPolicyCreateRequest,
  ZSlaPolicyUpdateRequest,
} from "../../../../shared/sla.ts";

/** A sample conversation, to see which policy it would get. */
export const ZSlaPreviewRequest = z
  .object({
    channelKind: z.enum(CHANNEL_KINDS).nullable().default(null),
    priority: z.enum(PRIORITIES).default("normal"),
    category: z.string().max(60).nullable().default(null),
    teamId: z.uuid().nullable().default(null),
  })
  .strict();

export const ZSlaPreview = z.object({
  policyId: z.string().nullable(),
  policyName: z.string().nullable(),
});

export {
  ZAcknowledgementSetting,
  ZAcknowledgementUpdateRequest,
} from "../../../../shared/sla.ts";
