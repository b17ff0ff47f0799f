import { z } from "zod";

/** What an idea improves. */
export const IDEA_KINDS = ["product", "service", "marketing"] as const;
export type IdeaKind = (typeof IDEA_KINDS)[number];

/** An idea's life, in the order of the board's columns. */
export const IDEA_STATUSES = [
  "new",
  "under_review",
  "planned",
  "in_progress",
  "shipped",
  "declined",
] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

/** The statuses every linked customer is told of, once each. */
export const ANNOUNCED_IDEA_STATUSES = ["planned", "shipped", "declined"] as const;
export type AnnouncedIdeaStatus = (typeof ANNOUNCED_IDEA_STATUSES)[number];
export function isAnnounced(status: IdeaStatus): status is AnnouncedIdeaStatus {
  return (ANNOUNCED_IDEA_STATUSES as readonly string[]).includes(status);
}

/** The triage categories whose conversations land in the unsorted ideas queue. */
export const IDEA_CATEGORIES = ["suggestion", "marketing_idea"] as const;

const ZDateTime = z.string().describe("ISO 8601 date-time");

export const ZIdea = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  kind: z.enum(IDEA_KINDS),
  status: z.enum(IDEA_STATUSES),
  statusNote: z.string().nullable(),
  public: z.boolean(),
  /** Distinct customers of the linked conversations: each customer is one vote. */
  votes: z.number(),
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TIdea = z.infer<typeof ZIdea>;

export const ZIdeaConversation = z.object({
  id: z.string(),
  number: z.number(),
  subject: z.string().nullable(),
  status: z.string(),
  contact: z.object({ id: z.string(), name: z.string().nullable() }),
  channelKind: z.string().nullable(),
  /** The customer's first message, as the idea was given. */
  excerpt: z.string(),
  linkedAt: ZDateTime,
});
export type TIdeaConversation = z.infer<typeof ZIdeaConversation>;

export const ZIdeaDetail = ZIdea.extend({ conversations: z.array(ZIdeaConversation) });
export type TIdeaDetail = z.infer<typeof ZIdeaDetail>;

const ZTitle = z.string().trim().min(1).max(200);
const ZDescription = z.string().trim().max(5000);
const ZStatusNote = z.string().trim().max(1000);

export const ZIdeaCreateRequest = z
  .object({
    title: ZTitle,
    description: ZDescription.default(""),
    kind: z.enum(IDEA_KINDS).default("product"),
    status: z.enum(IDEA_STATUSES).default("new"),
    statusNote: ZStatusNote.nullable().optional(),
    public: z.boolean().default(false),
    /** A conversation that gave it, linked at once (one click from the unsorted queue). */
    conversationId: z.uuid().optional(),
  })
  .strict();
export type TIdeaCreateRequest = z.infer<typeof ZIdeaCreateRequest>;

export const ZIdeaUpdateRequest = z
  .object({
    title: ZTitle.optional(),
    description: ZDescription.optional(),
    kind: z.enum(IDEA_KINDS).optional(),
    status: z.enum(IDEA_STATUSES).optional(),
    statusNote: ZStatusNote.nullable().optional(),
    public: z.boolean().optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to change." });
export type TIdeaUpdateRequest = z.infer<typeof ZIdeaUpdateRequest>;

export const ZIdeaLinkRequest = z
  .object({ conversationId: z.uuid().optional(), mentionId: z.uuid().optional() })
  .strict()
  .refine((value) => Boolean(value.conversationId) !== Boolean(value.mentionId), {
    message: "Give either conversationId or mentionId.",
  });
export type TIdeaLinkRequest = z.infer<typeof ZIdeaLinkRequest>;

export const ZIdeaMergeRequest = z.object({ intoId: z.uuid() }).strict();

/** A suggestion not yet given to any idea, with the idea it most resembles (or none: a new one). */
export const ZUnsortedIdea = z.object({
  conversation: z.object({
    id: z.string(),
    number: z.number(),
    subject: z.string().nullable(),
    category: z.string(),
    language: z.string().nullable(),
    contact: z.object({ id: z.string(), name: z.string().nullable() }),
    excerpt: z.string(),
    createdAt: ZDateTime,
  }),
  suggestion: z
    .object({
      idea: z.object({ id: z.string(), title: z.string(), status: z.enum(IDEA_STATUSES) }),
      /** Words (stemmed, accent-folded, French or English) the two texts share. */
      sharedWords: z.number(),
    })
    .nullable(),
});
export type TUnsortedIdea = z.infer<typeof ZUnsortedIdea>;

export const ZIdeaStatusPreviewRequest = z
  .object({
    status: z.enum(IDEA_STATUSES),
    statusNote: ZStatusNote.nullable().optional(),
  })
  .strict();
export type TIdeaStatusPreviewRequest = z.infer<typeof ZIdeaStatusPreviewRequest>;

export const ZIdeaRecipient = z.object({
  contact: z.object({ id: z.string(), name: z.string().nullable() }),
  /** The conversation and channel the message goes to; null when nothing reaches them. */
  conversationId: z.string().nullable(),
  channel: z.object({ id: z.string(), kind: z.string(), name: z.string() }).nullable(),
  language: z.enum(["fr", "en"]),
  /** Already told of this status: not told again. */
  alreadyTold: z.boolean(),
  /** Why they will not be told (no channel reaches them, outside a provider's window…). */
  skippedReason: z.string().nullable(),
});
export type TIdeaRecipient = z.infer<typeof ZIdeaRecipient>;

export const ZIdeaStatusPreview = z.object({
  status: z.enum(IDEA_STATUSES),
  /** False for statuses customers are not told of (new, under review, in progress). */
  announced: z.boolean(),
  recipients: z.array(ZIdeaRecipient),
  /** The message in each language, as a customer whose idea dates from today would read it. */
  messages: z.object({ fr: z.string(), en: z.string() }),
});
export type TIdeaStatusPreview = z.infer<typeof ZIdeaStatusPreview>;
