import type { Category, SentimentLabel } from "./categories.ts";

export type Priority = "low" | "normal" | "high" | "urgent";

export interface UrgencyInput {
  sentiment: { label: SentimentLabel; score: number };
  visibility: "public" | "private";
  followers?: number | null;
  waitingMinutes: number;
  category: Category;
}

// Urgency = four bounded parts, in points out of 100 (score = points / 100):
//   sentiment  ≤ 35  negative: 10 + 25·|score|; neutral: 5; positive: 0
//   category   ≤ 20  what is at stake (CATEGORY_POINTS: a lost parcel 20 … praise 0)
//   exposure   ≤ 25  public: 10 + 15·min(1, log10(1 + followers) / 5)   (100k followers → 25)
//                    private: 5·min(1, log10(1 + followers) / 5)      (reach still matters a bit)
//   waiting    ≤ 20  20·(1 − e^(−minutes / 240))                        (2 h → 7.9, 8 h → 19.3)
// Priority: urgent ≥ 65, high ≥ 45, normal ≥ 25, else low.

export const CATEGORY_POINTS: Readonly<Record<Category, number>> = {
  "delivery.missing": 20,
  "delivery.damaged": 18,
  "product.malfunction": 18,
  billing: 18,
  account: 15,
  "delivery.late": 14,
  compatibility: 10,
  "product.usage": 8,
  other: 5,
  suggestion: 3,
  marketing_idea: 2,
  praise: 0,
};

export const PRIORITY_THRESHOLDS: ReadonlyArray<readonly [Priority, number]> = [
  ["urgent", 65],
  ["high", 45],
  ["normal", 25],
];

function sentimentPoints(sentiment: UrgencyInput["sentiment"]): number {
  if (sentiment.label === "negative") return 10 + 25 * Math.min(1, Math.abs(sentiment.score));
  if (sentiment.label === "neutral") return 5;
  return 0;
}

function reach(followers: number | null | undefined): number {
  const count = Math.max(0, followers ?? 0);
  return Math.min(1, Math.log10(1 + count) / 5);
}

function exposurePoints(visibility: UrgencyInput["visibility"], followers?: number | null): number {
  if (visibility === "public") return 10 + 15 * reach(followers);
  return 5 * reach(followers);
}

function waitingPoints(minutes: number): number {
  return 20 * (1 - Math.exp(-Math.max(0, minutes) / 240));
}

/** How soon a conversation needs an answer: a score in [0, 1] and a priority (see above). */
export function assessUrgency(input: UrgencyInput): { score: number; priority: Priority } {
  const points =
    sentimentPoints(input.sentiment) +
    CATEGORY_POINTS[input.category] +
    exposurePoints(input.visibility, input.followers) +
    waitingPoints(input.waitingMinutes);
  const score = Math.round(Math.min(100, points) * 10) / 1000;
  const priority = PRIORITY_THRESHOLDS.find(([, threshold]) => points >= threshold)?.[0] ?? "low";
  return { score, priority };
}
