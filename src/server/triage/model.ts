import { CATEGORIES, type Category } from "./categories.ts";
import { datasetPath, type Example, loadExamples } from "./examples.ts";
import { contentStems, extractFeatures } from "./features.ts";
import { Softmax } from "./softmax.ts";
import { normaliseTweet } from "./tweet.ts";

// The category model: a softmax regression over words, stemmed bigrams, emoji and concepts of
// the tweet-normalised text, trained from data/triage/train.jsonl (written examples, weight 1)
// and data/triage/real-dev.jsonl (real customers' tweets, weight REAL_WEIGHT, so that the
// model learns how real customers write and how often each category really comes up).
// Trained once per process; every triager starts from a copy and then learns on its own.
// Settings chosen by 5-fold cross-validation on the real set (scripts/eval-triage.ts).

export const REAL_WEIGHT = 3;
// The temperature (scores divided by 1.3 before the softmax) makes the confidence a calibrated
// probability: it minimises the log-loss of the cross-validated predictions on the real set,
// and brings the expected calibration error from 12.8 to about 10 points (npm run eval:triage).
export const CATEGORY_TRAINING = { epochs: 10, rate: 0.2, l2: 0.001, temperature: 1.3 } as const;

export interface LabelledFeatures {
  features: string[];
  category: Category;
  weight?: number;
}

export function featuresOf(example: Pick<Example, "text" | "language">): string[] {
  const text = normaliseTweet(example.text);
  const features = extractFeatures(text, example.language);
  const stems = contentStems(text, example.language);
  for (let i = 1; i < stems.length; i += 1) features.push(`b:${stems[i - 1]}_${stems[i]}`);
  return features;
}

export function labelledFeatures(examples: readonly Example[], weight = 1): LabelledFeatures[] {
  return examples.map((example) => ({
    features: featuresOf(example),
    category: example.category,
    weight,
  }));
}

export function trainCategoryModel(documents: readonly LabelledFeatures[]): Softmax<Category> {
  return new Softmax(CATEGORIES, CATEGORY_TRAINING).train(
    documents.map((d) => ({ features: d.features, label: d.category, weight: d.weight })),
  );
}

let shipped: Softmax<Category> | undefined;

/** The model trained on the shipped examples (once per process); callers get their own copy. */
export function shippedCategoryModel(): Softmax<Category> {
  shipped ??= trainCategoryModel([
    ...labelledFeatures(loadExamples(datasetPath("train"))),
    ...labelledFeatures(loadExamples(datasetPath("real-dev")), REAL_WEIGHT),
  ]);
  return shipped.clone();
}
