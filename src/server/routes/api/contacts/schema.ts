import { z } from "zod";
import { ZContact, ZConversation } from "../../../../shared/schemas.ts";
import { ZId } from "../../route.ts";

export const ZContactListQuery = z.object({
  q: z.string().trim().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  duplicates: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional()
    .describe("true: only contacts with an open duplicate suggestion"),
});

export const ZContactUpdateRequest = z
  .object({
    name: z.string().trim().min(1).max(200).nullable().optional(),
    notes: z.string().max(10_000).nullable().optional(),
    locale: z.string().min(2).max(10).nullable().optional(),
    timeZone: z
      .string()
      .max(64)
      .refine((zone) => Intl.supportedValuesOf("timeZone").includes(zone) || zone === "UTC", {
        message: "Unknown time zone",
      })
      .nullable()
      .optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to change." });

export const ZContactDetail = ZContact.extend({ conversations: z.array(ZConversation) });

export const ZContactMergeRequest = z
  .object({
    sourceId: ZId.describe("The contact merged into this one, then deleted"),
  })
  .strict();
export type TContactMergeRequest = z.infer<typeof ZContactMergeRequest>;

export const ZDismissDuplicateRequest = z
  .object({ contactId: ZId.describe("The other contact: not the same person") })
  .strict();

export const ZTimelineQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const ZAuditQuery = z.object({
  subjectType: z.enum(["contact", "conversation"]).optional(),
  subjectId: ZId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
