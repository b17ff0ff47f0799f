import { z } from "zod";
import { ZId } from "../../route.ts";

export {
  ZEffortReport,
  ZSurveyResponse,
  ZSurveySettings,
} from "../../../../shared/surveys.ts";

const ZDateParam = z.iso
  .datetime({ offset: true })
  .or(z.iso.date())
  .describe("ISO 8601 date or date-time");

export const ZSurveyResponsesQuery = z
  .object({
    from: ZDateParam.optional(),
    to: ZDateParam.optional(),
    channelId: ZId.optional(),
    teamId: ZId.optional(),
    userId: ZId.optional(),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type TSurveyResponsesQuery = z.infer<typeof ZSurveyResponsesQuery>;

export const ZEffortQuery = z
  .object({
    from: ZDateParam.optional(),
    to: ZDateParam.optional(),
    channelId: ZId.optional(),
    teamId: ZId.optional(),
  })
  .strict();
export type TEffortQuery = z.infer<typeof ZEffortQuery>;
