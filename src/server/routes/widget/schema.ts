import { z } from "zod";
import { ZLocalTime, ZSlot } from "../../../shared/callbacks.ts";
import { ZInstant } from "../../../shared/instant.ts";
import { ZTimeZone } from "../../callbacks/businessHours.ts";

/** Every widget path names the chat channel the page embeds. */
export const ZWidgetParams = z.object({ channelId: z.uuid() });

export const ZWidgetSessionRequest = z.object({
  token: z.string().max(200).nullish().describe("The visitor's token, to resume their session"),
  userId: z.string().min(1).max(200).nullish(),
  email: z.string().max(320).nullish(),
  name: z.string().max(200).nullish(),
  signature: z
    .string()
    .max(200)
    .nullish()
    .describe('The host site\'s hex HMAC-SHA256 of "<userId>:<email>" with the channel secret'),
  locale: z.string().max(20).nullish(),
  timeZone: z.string().max(64).nullish(),
});
export type TWidgetSessionRequest = z.infer<typeof ZWidgetSessionRequest>;

export const ZWidgetSession = z.object({
  token: z.string().nullable().describe("The visitor's token: Authorization: Bearer <token>"),
  verified: z.boolean(),
  email: z.string().nullable(),
  conversationId: z.string().nullable(),
  agentsAvailable: z.boolean(),
  emailFallback: z.boolean(),
  channel: z.object({
    name: z.string(),
    greeting: z.object({ fr: z.string().nullish(), en: z.string().nullish() }),
    colors: z.object({ primary: z.string(), text: z.string() }),
    callbackEnabled: z.boolean(),
    contactEmail: z.string().nullable(),
    contactPhone: z.string().nullable(),
  }),
});

export const ZWidgetHistoryQuery = z.object({ after: z.string().max(500).optional() });

export const ZWidgetMessage = z.object({
  id: z.string(),
  clientId: z.string().nullable(),
  conversationId: z.string(),
  direction: z.enum(["in", "out"]),
  text: z.string(),
  author: z.object({ type: z.enum(["visitor", "agent"]), name: z.string().nullable() }),
  status: z.string().nullable(),
  attachments: z.array(
    z.object({
      id: z.string(),
      filename: z.string(),
      contentType: z.string(),
      size: z.number(),
      url: z.string(),
    }),
  ),
  createdAt: z.string(),
});

export const ZWidgetHistory = z.object({
  messages: z.array(ZWidgetMessage),
  cursor: z.string().nullable(),
});

export const ZWidgetEmailRequest = z.object({ email: z.string().max(320) });

export const ZWidgetEmail = z.object({ email: z.string(), emailFallback: z.boolean() });

export const ZWidgetSlotsQuery = z.object({
  tz: ZTimeZone.optional(),
  days: z.coerce.number().int().min(1).max(14).default(7),
});

export const ZWidgetSlots = z.object({
  timeZone: z.string(),
  teamTimeZone: z.string(),
  slots: z.array(ZSlot),
});

export const ZWidgetCallbackRequest = z.object({
  clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  phone: z.string().min(3).max(40),
  region: z.string().length(2).nullish(),
  at: ZInstant,
  timeZone: ZTimeZone,
});
export type TWidgetCallbackRequest = z.infer<typeof ZWidgetCallbackRequest>;

export const ZWidgetCallback = z.object({
  callback: z.object({
    id: z.string(),
    status: z.string(),
    scheduledAt: z.string(),
    customerTime: ZLocalTime,
    phone: z.string(),
  }),
  message: ZWidgetMessage.nullable(),
});
