import { z } from "zod";

/** The colours a label may take: the app's palette names, each legible as a badge in both themes. */
export const LABEL_COLOURS = [
  "gray",
  "red",
  "pink",
  "grape",
  "violet",
  "indigo",
  "blue",
  "cyan",
  "teal",
  "green",
  "lime",
  "yellow",
  "orange",
] as const;
export type LabelColour = (typeof LABEL_COLOURS)[number];

/** A label's name as conversations carry it: trimmed, no comma (the inbox filter lists names). */
export const ZLabelName = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^,]+$/, "A label's name has no comma.");

export const ZLabel = z.object({
  id: z.string(),
  name: z.string(),
  colour: z.enum(LABEL_COLOURS),
  description: z.string().nullable(),
  /** Open, pending or snoozed conversations carrying it now. */
  conversationCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TLabel = z.infer<typeof ZLabel>;

export const ZLabelCreateRequest = z
  .object({
    name: ZLabelName,
    colour: z.enum(LABEL_COLOURS).default("blue"),
    description: z.string().trim().max(200).nullable().default(null),
  })
  .strict();
export type TLabelCreateRequest = z.infer<typeof ZLabelCreateRequest>;

export const ZLabelUpdateRequest = z
  .object({
    name: ZLabelName.optional(),
    colour: z.enum(LABEL_COLOURS).optional(),
    description: z.string().trim().max(200).nullable().optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to change." });
export type TLabelUpdateRequest = z.infer<typeof ZLabelUpdateRequest>;
