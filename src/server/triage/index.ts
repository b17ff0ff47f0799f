// Offline triage of a customer's first message: language, sentiment, category, urgency.
// Pure: no database, no network; the category model trains from data/triage/train.jsonl.
// See docs/triage.md for the method and the measured figures.

export { CATEGORIES, type Category, type SentimentLabel } from "./categories.ts";
export { detectLanguage } from "./language.ts";
export { analyseSentiment } from "./sentiment.ts";
export { createTriager, type TriageResult, type Triager } from "./triager.ts";
export { assessUrgency, type Priority } from "./urgency.ts";
