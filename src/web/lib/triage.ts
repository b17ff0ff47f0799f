import type { Priority, Sentiment } from "../../shared/enums.ts";

/**
 * The triage engine's seed categories (server/triage/categories.ts). The API takes any string up
 * to 60 characters, so an unknown category is still shown, under its own name.
 */
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

export const TRIAGE_LANGUAGES = ["fr", "en", "de", "es", "it", "nl", "pt"] as const;

export const SENTIMENT_COLORS: Record<Sentiment, string> = {
  negative: "red",
  neutral: "gray",
  positive: "teal",
};

export const PRIORITY_COLORS: Record<Priority, string> = {
  low: "gray",
  normal: "blue",
  high: "orange",
  urgent: "red",
};

/** The i18n key of a category, whose name may contain dots. */
export function categoryKey(category: string): string {
  return `categories.${category.replace(/\./g, "_")}`;
}
