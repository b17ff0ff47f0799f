import { z } from "zod";
import { LOCALES } from "./enums.ts";

/** A story is a draft until a supervisor publishes it. */
export const STORY_STATUSES = ["draft", "published"] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

export const ZStory = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  status: z.enum(STORY_STATUSES),
  /** The anonymised conversation, one paragraph per message ("[Client 1] : Bonjour…"). */
  text: z.string(),
  /** The language of the placeholders and of the transcript. */
  locale: z.enum(LOCALES),
  /** The conversation told (null once it was deleted); only for the account's team. */
  conversationId: z.string().nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type TStory = z.infer<typeof ZStory>;

export const ZStoryCreateRequest = z
  .object({
    title: z.string().trim().min(1).max(200),
    summary: z.string().trim().max(2000).default(""),
  })
  .strict();
export type TStoryCreateRequest = z.infer<typeof ZStoryCreateRequest>;

export const ZStoryListQuery = z.object({
  status: z.enum(STORY_STATUSES).optional(),
  /** Only stories published (or, for drafts, made) since then. */
  since: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type TStoryListQuery = z.infer<typeof ZStoryListQuery>;
