import { CATEGORIES, type Category } from "./categories.ts";
import { datasetPath, type Example, loadExamples } from "./examples.ts";
import { extractFeatures } from "./features.ts";
import { NaiveBayes } from "./naive-bayes.ts";
import { analyseSentiment } from "./sentiment.ts";

// The category model: naive Bayes trained from data/triage/train.jsonl when first needed
// (a fraction of a second for ~1,500 examples; the features of the shipped examples are
// computed once per process and shared by every triager, each of which then owns its counts).

/** Naive Bayes over-counts correlated features; dividing log-likelihoods by this calibrates
 * the confidence (chosen by 5-fold cross-validation on train.jsonl, minimising log-loss). */
export const CATEGORY_TEMPERATURE = 1.9;
export const CATEGORY_ALPHA = 0.5;

export interface LabelledFeatures {
  features: string[];
  category: Category;
}

export function featuresOf(example: Pick<Example, "text" | "language">): string[] {
  const sentiment = analyseSentiment(example.text, example.language);
  return extractFeatures(example.text, example.language, sentiment.label);
}

export function labelledFeatures(examples: readonly Example[]): LabelledFeatures[] {
  return examples.map((example) => ({ features: featuresOf(example), category: example.category }));
}

let shipped: LabelledFeatures[] | undefined;

/** Features of the shipped training examples, computed on first use. */
export function shippedTrainingSet(): readonly LabelledFeatures[] {
  shipped ??= labelledFeatures(loadExamples(datasetPath("train")));
  return shipped;
}

export function trainCategoryModel(
  documents: readonly LabelledFeatures[],
  temperature = CATEGORY_TEMPERATURE,
): NaiveBayes<Category> {
  const model = new NaiveBayes(CATEGORIES, { alpha: CATEGORY_ALPHA, temperature });
  for (const document of documents) model.learn(document.features, document.category);
  return model;
}
