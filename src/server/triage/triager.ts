import type { Category, SentimentLabel } from "./categories.ts";
import { CorrectionMemory } from "./corrections.ts";
import { detectLanguage } from "./language.ts";
import { featuresOf, shippedCategoryModel } from "./model.ts";
import { analyseSentiment } from "./sentiment.ts";
import type { Softmax } from "./softmax.ts";

export interface TriageResult {
  language: string;
  sentiment: { label: SentimentLabel; score: number };
  category: Category;
  confidence: number;
}

export interface Triager {
  triage(text: string): TriageResult;
  learn(text: string, category: Category): void;
}

export interface Correction {
  text: string;
  category: Category;
}

/** A correction is learned by this many gradient steps on it. */
export const CORRECTION_STEPS = 10;
/** Confidence given to "other" when a message has no word the model knows ("hello", "ok"). */
const UNKNOWN_CONFIDENCE = 0.5;

/**
 * A triager trained on the shipped examples, then on the given agents' corrections.
 * learn() adds a correction online: CORRECTION_STEPS gradient steps on the model and a
 * memory of corrected messages, so that the same or a near-identical message follows it.
 */
export function createTriager(
  options: { corrections?: ReadonlyArray<Correction>; model?: Softmax<Category> } = {},
): Triager {
  const model = options.model ?? shippedCategoryModel();
  const memory = new CorrectionMemory();

  const learn = (text: string, category: Category): void => {
    const language = detectLanguage(text);
    model.learn(featuresOf({ text, language }), category, CORRECTION_STEPS);
    memory.add(text, language, category);
  };

  const triage = (text: string): TriageResult => {
    const language = detectLanguage(text);
    const sentiment = analyseSentiment(text, language);
    const result = { language, sentiment };
    const corrected = memory.match(text, language);
    if (corrected)
      return { ...result, category: corrected.category, confidence: corrected.similarity };
    const features = featuresOf({ text, language });
    const informative = features.some((f) => !f.startsWith("s:") && model.knows(f));
    if (!informative) return { ...result, category: "other", confidence: UNKNOWN_CONFIDENCE };
    const prediction = model.predict(features);
    const confidence = Math.round(prediction.confidence * 1000) / 1000;
    return { ...result, category: prediction.label, confidence };
  };

  for (const correction of options.corrections ?? []) learn(correction.text, correction.category);
  return { triage, learn };
}
