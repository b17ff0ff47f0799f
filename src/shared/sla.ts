import { z } from "zod";
import { CHANNEL_KINDS, PRIORITIES } from "./enums.ts";

/**
 * SLA policies, their clocks on a conversation, promises (next steps) and their reports: the
 * shapes the API takes and answers with, shared by the server and the web app.
 */
export const SLA_TARGETS = ["firstResponse", "nextResponse", "resolution"] as const;
export type SlaTargetName = (typeof SLA_TARGETS)[number];

const ZMinutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 365);

export const ZSlaMatch = z
  .object({
    channelKinds: z.array(z.enum(CHANNEL_KINDS)).max(20).optional(),
    priorities: z.array(z.enum(PRIORITIES)).max(4).optional(),
    categories: z.array(z.string().min(1).max(60)).max(40).optional(),
    teamIds: z.array(z.uuid()).max(100).optional(),
  })
  .strict();
export type TSlaMatch = z.infer<typeof ZSlaMatch>;

export const ZSlaTargets = z
  .object({
    firstResponseMinutes: ZMinutes.optional(),
    nextResponseMinutes: ZMinutes.optional(),
    resolutionMinutes: ZMinutes.optional(),
  })
  .strict();

export const ZSlaPolicyCreateRequest = z
  .object({
    name: z.string().trim().min(1).max(100),
    position: z.number().int().min(0).max(10_000).optional(),
    match: ZSlaMatch.default({}),
    targets: ZSlaTargets,
    hours: z.enum(["always", "team"]).default("always"),
    warnBeforeMinutes: ZMinutes.nullable().optional(),
  })
  .strict();
export type TSlaPolicyCreateRequest = z.infer<typeof ZSlaPolicyCreateRequest>;

export const ZSlaPolicyUpdateRequest = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    position: z.number().int().min(0).max(10_000).optional(),
    match: ZSlaMatch.optional(),
    targets: ZSlaTargets.optional(),
    hours: z.enum(["always", "team"]).optional(),
    warnBeforeMinutes: ZMinutes.nullable().optional(),
  })
  .strict();
export type TSlaPolicyUpdateRequest = z.infer<typeof ZSlaPolicyUpdateRequest>;

export const ZSlaPolicy = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
  match: ZSlaMatch,
  targets: ZSlaTargets,
  hours: z.enum(["always", "team"]),
  warnBeforeMinutes: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TSlaPolicy = z.infer<typeof ZSlaPolicy>;

export const ZHoliday = z
  .object({
    date: z.iso.date(),
    name: z.string().trim().min(1).max(100),
  })
  .strict();
export const ZHolidays = z.array(ZHoliday).max(400);
export type THoliday = z.infer<typeof ZHoliday>;

/** The SLA state of one conversation, null without a policy. */
export const ZConversationSla = z.object({
  policyId: z.string().nullable(),
  policyName: z.string(),
  firstResponseDueAt: z.string().nullable(),
  nextResponseDueAt: z.string().nullable(),
  resolutionDueAt: z.string().nullable(),
  paused: z.boolean(),
  breaches: z.array(z.object({ target: z.enum(SLA_TARGETS), at: z.string() })),
  /** The running clock due first (its target, due and warning times), for the inbox's clock. */
  nearest: z
    .object({
      target: z.enum(SLA_TARGETS),
      dueAt: z.string(),
      warnAt: z.string().nullable(),
      breached: z.boolean(),
    })
    .nullable(),
});
export type TConversationSla = z.infer<typeof ZConversationSla>;

export const PROMISE_STATUSES = ["open", "kept", "broken"] as const;

export const ZNextStep = z
  .object({
    text: z.string().trim().min(1).max(500),
    dueAt: z.iso.datetime({ offset: true }),
    followUp: z.boolean().default(true),
  })
  .strict();
export type TNextStep = z.infer<typeof ZNextStep>;

export const ZPromise = z.object({
  id: z.string(),
  conversationId: z.string(),
  messageId: z.string().nullable(),
  callbackId: z.string().nullable(),
  text: z.string(),
  dueAt: z.string(),
  followUp: z.boolean(),
  status: z.enum(PROMISE_STATUSES),
  madeByUserId: z.string().nullable(),
  keptAt: z.string().nullable(),
  keptOnTime: z.boolean().nullable(),
  brokenAt: z.string().nullable(),
  reschedules: z.number().int(),
  createdAt: z.string(),
  /** Who made it and where, for the lists of promises (absent where the context is obvious). */
  madeBy: z.object({ id: z.string(), name: z.string() }).nullable().optional(),
  conversation: z
    .object({ number: z.number().int(), contactName: z.string().nullable() })
    .optional(),
});
export type TPromise = z.infer<typeof ZPromise>;

export const ZPromiseListQuery = z.object({
  status: z.enum(PROMISE_STATUSES).optional(),
  assignee: z.enum(["me"]).optional(),
  madeBy: z
    .union([z.uuid(), z.enum(["me"])])
    .optional()
    .describe("The promises one agent made (`me`: mine)"),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const ZPromiseRescheduleRequest = z
  .object({
    dueAt: z.iso.datetime({ offset: true }),
    tellCustomer: z.boolean().default(true),
  })
  .strict();

export const ZReportQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  teamId: z.uuid().optional(),
  channelId: z.uuid().optional(),
});

export const ZPromiseReport = z.object({
  made: z.number().int(),
  kept: z.number().int(),
  keptOnTime: z.number().int(),
  broken: z.number().int(),
  open: z.number().int(),
  keptOnTimeRate: z.number().nullable(),
});

const ZAttainment = z.object({
  met: z.number().int(),
  breached: z.number().int(),
  running: z.number().int(),
  attainment: z.number().nullable(),
});
export const ZSlaReport = z.object({
  firstResponse: ZAttainment,
  nextResponse: ZAttainment,
  resolution: ZAttainment,
});

/** The sentence a next step adds to a reply, as the customer will read it. */
export const ZNextStepPreviewRequest = z
  .object({
    text: z.string().trim().min(1).max(500),
    dueAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export const ZNextStepPreview = z.object({
  sentence: z.string(),
  language: z.enum(["fr", "en"]),
  timeZone: z.string(),
});
export type TNextStepPreview = z.infer<typeof ZNextStepPreview>;

/** When a new customer on a channel can expect a first answer, and what it is computed from. */
export const ZAcknowledgementEstimate = z.object({
  expectedAt: z.string(),
  waitMinutes: z.number(),
  openNow: z.boolean(),
  opensAt: z.string(),
  source: z.enum(["history", "policy"]),
  medianMinutes: z.number().nullable(),
  samples: z.number().int(),
  queueAhead: z.number().int(),
});

/** A channel's automatic acknowledgement: on or off, and what a customer would read now. */
export const ZAcknowledgementSetting = z.object({
  channelId: z.string(),
  channelName: z.string(),
  channelKind: z.string(),
  enabled: z.boolean(),
  /** Null when nothing honest can be said (no answer in 7 days, no SLA first-response target). */
  estimate: ZAcknowledgementEstimate.nullable(),
  /** The acknowledgement a customer writing now would receive (in the account's zone). */
  preview: z.object({ fr: z.string(), en: z.string() }).nullable(),
});
export type TAcknowledgementSetting = z.infer<typeof ZAcknowledgementSetting>;

export const ZAcknowledgementUpdateRequest = z.object({ enabled: z.boolean() }).strict();
