import { z } from "zod";
import { CALLBACK_STATUSES } from "../../../../shared/callbacks.ts";
import { ZInstant } from "../../../../shared/instant.ts";
import { ZTimeZone, ZWeeklyHours } from "../../../callbacks/businessHours.ts";
import { ZId } from "../../route.ts";

export { CALLBACK_STATUSES, ZCall, ZCallback, ZSlot } from "../../../../shared/callbacks.ts";

export const ZCallbackListQuery = z.object({
  status: z
    .string()
    .transform((value) => value.split(",").filter(Boolean))
    .pipe(z.array(z.enum(CALLBACK_STATUSES)))
    .optional()
    .describe(
      "One status or several, comma-separated (default: scheduled, calling, to_reschedule)",
    ),
  conversationId: ZId.optional(),
  assigneeId: z.union([ZId, z.literal("me")]).optional(),
  from: ZInstant.optional().describe("Only callbacks at or after this instant"),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const ZCallbackCreateRequest = z
  .object({
    conversationId: ZId,
    scheduledAt: ZInstant,
    phone: z.string().min(3).max(40).optional().describe("Defaults to the contact's number"),
    region: z.string().length(2).optional().describe("Country of a number written without +"),
    timeZone: ZTimeZone.optional().describe("The customer's zone (default: the contact's)"),
    teamId: ZId.optional(),
    assigneeId: ZId.optional(),
    note: z.string().max(2000).optional(),
    notifyCustomer: z.boolean().default(true),
  })
  .strict();
export type TCallbackCreateRequest = z.infer<typeof ZCallbackCreateRequest>;

export const ZCallbackUpdateRequest = z
  .object({
    scheduledAt: ZInstant.optional(),
    timeZone: ZTimeZone.optional(),
    status: z.literal("cancelled").optional(),
    assigneeId: ZId.nullable().optional(),
    notifyCustomer: z.boolean().default(true),
  })
  .strict();

export const ZCallbackCallQuery = z.object({
  channelId: ZId.optional().describe(
    "The phone channel to call from (default: the account's first)",
  ),
});

export const ZSlotsQuery = z.object({
  timeZone: ZTimeZone.optional().describe("Show the slots in this zone (default: the account's)"),
  teamId: ZId.optional(),
  days: z.coerce.number().int().min(1).max(30).default(7),
});

export const ZCallNoteRequest = z
  .object({ callId: ZId, text: z.string().trim().min(1).max(20_000) })
  .strict();

/** A team's business hours: its zone and weekly opening times. */
export const ZBusinessHours = z.object({ timeZone: ZTimeZone, weekly: ZWeeklyHours }).strict();
export type TBusinessHours = z.infer<typeof ZBusinessHours>;

export const ZTypingAnswer = z.object({ ok: z.boolean() });
