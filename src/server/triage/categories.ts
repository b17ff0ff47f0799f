import { CATEGORIES } from "../../shared/enums.ts";

export { CATEGORIES };

export type Category = (typeof CATEGORIES)[number];

export function isCategory(value: unknown): value is Category {
  return typeof value === "string" && (CATEGORIES as readonly string[]).includes(value);
}

export const SENTIMENT_LABELS = ["negative", "neutral", "positive"] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];
