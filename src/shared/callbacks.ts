import { z } from "zod";

/** Callbacks, slots and calls as the API answers them: server presenters and the web app. */

export const CALLBACK_STATUSES = [
  "scheduled",
  "calling",
  "completed",
  "to_reschedule",
  "cancelled",
] as const;

export const ZLocalTime = z.object({
  timeZone: z.string(),
  local: z.string().describe("ISO 8601 with the zone's offset at that instant"),
  date: z.string(),
  time: z.string(),
  offset: z.string(),
});

export const ZCallback = z.object({
  id: z.string(),
  conversationId: z.string(),
  contact: z.object({ id: z.string(), name: z.string().nullable() }),
  phone: z.string().describe("E.164"),
  status: z.enum(CALLBACK_STATUSES),
  source: z.enum(["widget", "agent", "api"]),
  scheduledAt: z.string(),
  customerTime: ZLocalTime,
  teamTime: ZLocalTime,
  agentTime: ZLocalTime,
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  attempts: z.number().int(),
  note: z.string().nullable(),
  lastCall: z
    .object({
      id: z.string(),
      status: z.string(),
      durationSeconds: z.number().nullable(),
      recordingUrl: z.string().nullable(),
      at: z.string(),
    })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ZSlot = z.object({
  start: z.string(),
  end: z.string(),
  customer: ZLocalTime,
  team: ZLocalTime,
});

export const ZCall = z.object({
  id: z.string(),
  conversationId: z.string(),
  callbackId: z.string().nullable(),
  direction: z.enum(["inbound", "outbound"]),
  status: z.string(),
  from: z.string(),
  to: z.string(),
  durationSeconds: z.number().nullable(),
  recordingUrl: z.string().nullable(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  createdAt: z.string(),
});

export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];
/** One instant on one clock: "2026-11-24", "18:00", "+01:00" in Europe/Paris. */
export type LocalTime = z.infer<typeof ZLocalTime>;
export type TCallback = z.infer<typeof ZCallback>;
export type TSlot = z.infer<typeof ZSlot>;
export type TCall = z.infer<typeof ZCall>;
