// k-fold cross-validation of the category (and sentiment) models on data/triage/train.jsonl
// only — the eval set is never read. Used to tune features and constants without looking at
// eval.jsonl. Run: npx tsx scripts/cv-triage.ts [--folds 5] [--base N] [--temperatures 1,1.5,2]
// [--errors]
//
// Folds are stratified and keep translations together: the i-th message of a (category,
// language) group goes to fold i mod k, and the shipped data lists French messages and their
// English counterparts in the same order, so a message is never tested against its own
// translation. Each fold trains its own sentiment model too (the category model uses the
// sentiment label as a feature), exactly as createTriager() does on the whole file.
// --base N scores only the test messages among the first N lines of the file (e.g. the
// original examples, to measure what added training data does to them).

import { CATEGORIES, type Category, SENTIMENT_LABELS } from "../src/server/triage/categories.ts";
import { datasetPath, type Example, loadExamples } from "../src/server/triage/examples.ts";
import { extractFeatures } from "../src/server/triage/features.ts";
import { detectLanguage } from "../src/server/triage/language.ts";
import { type LabelledFeatures, trainCategoryModel } from "../src/server/triage/model.ts";
import { analyseSentimentWith, trainSentimentModel } from "../src/server/triage/sentiment.ts";

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const folds = Number(option("folds") ?? 5);
const examples = loadExamples(datasetPath("train"));
const base = Number(option("base") ?? examples.length);
const temperatures = (option("temperatures") ?? "")
  .split(",")
  .filter((t) => t.length > 0)
  .map(Number);

function foldsOf(list: readonly Example[]): number[] {
  const seen = new Map<string, number>();
  return list.map((example) => {
    const key = `${example.category}|${example.language}`;
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    return index % folds;
  });
}

interface Outcome {
  truth: Category;
  predicted: Category;
  probabilities: Record<Category, number> | undefined;
  sentimentCorrect: boolean;
  language: string;
  text: string;
}

function crossValidate(temperature?: number): Outcome[] {
  const fold = foldsOf(examples);
  const outcomes: Outcome[] = [];
  for (let k = 0; k < folds; k += 1) {
    const train = examples.filter((_, i) => fold[i] !== k);
    const sentimentModel = trainSentimentModel(train);
    const documents: LabelledFeatures[] = train.map((example) => {
      const sentiment = analyseSentimentWith(sentimentModel, example.text, example.language);
      return {
        features: extractFeatures(example.text, example.language, sentiment.label),
        category: example.category,
      };
    });
    const model = trainCategoryModel(documents, temperature);
    examples.forEach((example, i) => {
      if (fold[i] !== k || i >= base) return;
      const language = detectLanguage(example.text);
      const sentiment = analyseSentimentWith(sentimentModel, example.text, language);
      const features = extractFeatures(example.text, language, sentiment.label);
      const informative = features.some(
        (f) => !f.startsWith("p:") && !f.startsWith("s:") && model.knows(f),
      );
      const prediction = informative ? model.predict(features) : undefined;
      outcomes.push({
        truth: example.category,
        predicted: prediction?.label ?? "other",
        probabilities: prediction?.probabilities,
        sentimentCorrect: sentiment.label === example.sentiment,
        language: example.language,
        text: example.text,
      });
    });
  }
  return outcomes;
}

const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;

function macroF1(outcomes: readonly Outcome[]): { f1: number; recall: Map<Category, number> } {
  const recall = new Map<Category, number>();
  let sum = 0;
  for (const label of CATEGORIES) {
    const tp = outcomes.filter((o) => o.truth === label && o.predicted === label).length;
    const support = outcomes.filter((o) => o.truth === label).length;
    const predicted = outcomes.filter((o) => o.predicted === label).length;
    const p = predicted === 0 ? 0 : tp / predicted;
    const r = support === 0 ? 0 : tp / support;
    recall.set(label, r);
    sum += p + r === 0 ? 0 : (2 * p * r) / (p + r);
  }
  return { f1: sum / CATEGORIES.length, recall };
}

function logLoss(outcomes: readonly Outcome[]): { loss: number; confidence: number } {
  const scored = outcomes.filter((o) => o.probabilities);
  const loss = scored.reduce((s, o) => s - Math.log(Math.max(1e-9, o.probabilities![o.truth])), 0);
  const confidence = scored.reduce((s, o) => s + o.probabilities![o.predicted], 0);
  return { loss: loss / scored.length, confidence: confidence / scored.length };
}

const outcomes = crossValidate();
const accuracy = outcomes.filter((o) => o.truth === o.predicted).length / outcomes.length;
const { f1, recall } = macroF1(outcomes);
const calibration = logLoss(outcomes);
console.log(
  `${folds}-fold CV on train.jsonl: ${examples.length} examples, scored ${outcomes.length}` +
    (base < examples.length ? ` (the first ${base} lines)` : ""),
);
console.log(`category accuracy ${pct(accuracy)}   macro-F1 ${pct(f1)}`);
for (const language of ["fr", "en"]) {
  const mine = outcomes.filter((o) => o.language === language);
  const correct = mine.filter((o) => o.truth === o.predicted).length;
  console.log(`  ${language}: ${pct(correct / mine.length)} (${mine.length})`);
}
console.log(
  `mean confidence ${pct(calibration.confidence)}   log-loss ${calibration.loss.toFixed(3)}`,
);
console.log(
  `sentiment accuracy ${pct(outcomes.filter((o) => o.sentimentCorrect).length / outcomes.length)} (${SENTIMENT_LABELS.join("/")})`,
);
console.log("recall per class:");
for (const [label, r] of recall) console.log(`  ${label.padEnd(22)}${pct(r).padStart(7)}`);
const confusions = new Map<string, number>();
for (const o of outcomes) {
  if (o.truth === o.predicted) continue;
  const key = `${o.truth} → ${o.predicted}`;
  confusions.set(key, (confusions.get(key) ?? 0) + 1);
}
console.log("most frequent confusions:");
for (const [key, n] of [...confusions].sort((a, b) => b[1] - a[1]).slice(0, 10)) {
  console.log(`  ${String(n).padStart(3)}  ${key}`);
}

if (process.argv.includes("--errors")) {
  console.log("misclassified (truth → predicted):");
  for (const o of outcomes) {
    if (o.truth !== o.predicted) console.log(`  ${o.truth} → ${o.predicted}: ${o.text}`);
  }
}

for (const temperature of temperatures) {
  const run = crossValidate(temperature);
  const { loss, confidence } = logLoss(run);
  console.log(
    `temperature ${temperature}: log-loss ${loss.toFixed(3)}, mean confidence ${pct(confidence)}`,
  );
}
