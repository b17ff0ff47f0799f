/** Enumerations shared by the server, the web app and the CLI. */
export const ROLES = ["admin", "supervisor", "agent", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ["fr", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export const CONVERSATION_STATUSES = ["open", "pending", "snoozed", "resolved"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const VISIBILITIES = ["public", "private"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const MESSAGE_DIRECTIONS = ["in", "out", "note"] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

export const DELIVERY_STATUSES = ["queued", "sent", "delivered", "read", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const SENTIMENTS = ["negative", "neutral", "positive"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const IDENTITY_KINDS = [
  "email",
  "phone",
  "twitter",
  "facebook",
  "instagram",
  "whatsapp",
  "mastodon",
  "bluesky",
  "chat",
  "api",
] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export const CHANNEL_KINDS = [
  "api",
  "email",
  "chat",
  "phone",
  "x",
  "facebook",
  "instagram",
  "whatsapp",
  "mastodon",
  "bluesky",
] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Triage categories: the brief's customer problems, plus billing, account, praise and other. */
export const CATEGORIES = [
  "delivery.late",
  "delivery.missing",
  "delivery.damaged",
  "compatibility",
  "product.malfunction",
  "product.usage",
  "suggestion",
  "marketing_idea",
  "billing",
  "account",
  "praise",
  "other",
] as const;
export type Category = (typeof CATEGORIES)[number];
