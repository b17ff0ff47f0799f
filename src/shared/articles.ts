import { z } from "zod";

/** The help centre's languages: every article is written in one of them. */
export const HELP_LOCALES = ["fr", "en"] as const;
export type HelpLocale = (typeof HELP_LOCALES)[number];
export const ARTICLE_STATUSES = ["draft", "published"] as const;
export type ArticleStatusValue = (typeof ARTICLE_STATUSES)[number];

/** A slug as it appears in public addresses: lower-case letters, digits and dashes. */
export const ZSlug = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9][a-z0-9-]*$/, "use lower-case letters, digits and dashes");

export const ZArticleTranslation = z.object({
  id: z.string(),
  locale: z.enum(HELP_LOCALES),
  slug: z.string(),
  title: z.string(),
  status: z.enum(ARTICLE_STATUSES),
});

export const ZArticle = z.object({
  id: z.string(),
  locale: z.enum(HELP_LOCALES),
  slug: z.string(),
  title: z.string(),
  /** Markdown, as written. */
  body: z.string(),
  /** The body rendered to HTML and sanitised: no script, event handler or javascript: URL. */
  html: z.string(),
  status: z.enum(ARTICLE_STATUSES),
  categoryId: z.string().nullable(),
  translationOf: z.string().nullable(),
  /** The other languages' versions of the same article (the original and its translations). */
  translations: z.array(ZArticleTranslation),
  views: z.number(),
  helpful: z.number(),
  notHelpful: z.number(),
  /** The public address, once published. */
  url: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TArticle = z.infer<typeof ZArticle>;

export const ZArticleCreateRequest = z
  .object({
    locale: z.enum(HELP_LOCALES),
    title: z.string().trim().min(1).max(200),
    body: z.string().max(100_000).default(""),
    categoryId: z.uuid().nullish(),
    status: z.enum(ARTICLE_STATUSES).default("draft"),
    translationOf: z.uuid().nullish().describe("The article this one translates"),
    slug: ZSlug.optional().describe("Made from the title when absent"),
  })
  .strict();
export type TArticleCreateRequest = z.infer<typeof ZArticleCreateRequest>;

export const ZArticleUpdateRequest = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    body: z.string().max(100_000).optional(),
    categoryId: z.uuid().nullable().optional(),
    status: z.enum(ARTICLE_STATUSES).optional(),
    translationOf: z.uuid().nullable().optional(),
    slug: ZSlug.optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to change." });
export type TArticleUpdateRequest = z.infer<typeof ZArticleUpdateRequest>;

export const ZArticleListQuery = z.object({
  q: z.string().trim().min(1).max(200).optional().describe("Words of the title or body"),
  locale: z.enum(HELP_LOCALES).optional(),
  status: z.enum(ARTICLE_STATUSES).optional(),
  categoryId: z.uuid().optional(),
});
export type TArticleListQuery = z.infer<typeof ZArticleListQuery>;

export const ZArticleRevision = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  status: z.enum(ARTICLE_STATUSES),
  categoryId: z.string().nullable(),
  editor: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type TArticleRevision = z.infer<typeof ZArticleRevision>;

export const ZArticleStats = z.object({
  views: z.number(),
  helpful: z.number(),
  notHelpful: z.number(),
  /** The account's help-centre searches that found nothing, in the last 30 days. */
  searchesWithoutResult: z.number(),
  feedback: z.array(
    z.object({ helpful: z.boolean(), comment: z.string().nullable(), createdAt: z.string() }),
  ),
});
export type TArticleStats = z.infer<typeof ZArticleStats>;

export const ZCategoryName = z.object({
  fr: z.string().trim().min(1).max(120),
  en: z.string().trim().min(1).max(120),
});

export const ZArticleCategory = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.object({ fr: z.string(), en: z.string() }),
  position: z.number(),
  createdAt: z.string(),
});
export type TArticleCategory = z.infer<typeof ZArticleCategory>;

export const ZArticleCategoryCreateRequest = z
  .object({
    name: ZCategoryName,
    slug: ZSlug.max(80).optional().describe("Made from the French name when absent"),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .strict();
export type TArticleCategoryCreateRequest = z.infer<typeof ZArticleCategoryCreateRequest>;

export const ZUnansweredSearch = z.object({
  query: z.string(),
  locale: z.string(),
  count: z.number(),
  lastAt: z.string(),
});
export type TUnansweredSearch = z.infer<typeof ZUnansweredSearch>;

/** One search hit, as the public JSON search and the widget give it. */
export const ZArticleHit = z.object({
  id: z.string(),
  locale: z.enum(HELP_LOCALES),
  slug: z.string(),
  title: z.string(),
  excerpt: z.string(),
  url: z.string(),
});
export type TArticleHit = z.infer<typeof ZArticleHit>;

export const SOCIAL_KINDS = [
  "x",
  "facebook",
  "instagram",
  "mastodon",
  "bluesky",
  "whatsapp",
  "linkedin",
  "youtube",
  "tiktok",
  "other",
] as const;

const ZHexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a #rrggbb colour");

/** The help centre's look and the ways to reach a person it shows on every page. */
export const ZHelpCentreSettings = z.object({
  /** The name at the top of every page (the account's public name when null). */
  name: z.string().trim().max(120).nullable(),
  primaryColour: ZHexColour,
  logoUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable(),
  showChat: z.boolean(),
  showEmail: z.boolean(),
  showPhone: z.boolean(),
  showSocial: z.boolean(),
  /** The chat channel whose widget opens in place (the first chat channel when null). */
  chatChannelId: z.uuid().nullable(),
  /** Shown as they are; null: the chat channel's contact address, else the email channel's. */
  email: z.email().max(320).nullable(),
  phone: z.string().trim().max(40).nullable(),
  /** The team whose opening hours go with the phone number (the first with hours when null). */
  phoneTeamId: z.uuid().nullable(),
  social: z
    .array(z.object({ kind: z.enum(SOCIAL_KINDS), url: z.url({ protocol: /^https?$/ }).max(500) }))
    .max(12),
});
export type THelpCentreSettings = z.infer<typeof ZHelpCentreSettings>;

export const ZHelpCentreSettingsUpdate = ZHelpCentreSettings.partial().strict();
export type THelpCentreSettingsUpdate = z.infer<typeof ZHelpCentreSettingsUpdate>;

/** The settings and the public address of the help centre. */
export const ZHelpCentre = ZHelpCentreSettings.extend({ url: z.string() });
export type THelpCentre = z.infer<typeof ZHelpCentre>;

/** An article the customer opened from the widget before or during their chat. */
export const ZArticleRead = z.object({
  id: z.string(),
  locale: z.enum(HELP_LOCALES),
  title: z.string(),
  readAt: z.string(),
});
export type TArticleRead = z.infer<typeof ZArticleRead>;
