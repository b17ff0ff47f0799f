// Evaluates the triage engine. Headline: 5-fold cross-validation, stratified by category, on
// data/triage/real-dev.jsonl (real customers' tweets): each fold is predicted by models trained
// on train.jsonl and the four other folds, never on itself. Then the written eval set
// (data/triage/eval.jsonl, never trained on) with the shipped models, the correction learning
// curve, language, and throughput. Run: npm run eval:triage

import { PassThrough, Readable } from "node:stream";
import { type Category, SENTIMENT_LABELS } from "../src/server/triage/categories.ts";
import { datasetPath, type Example, loadExamples } from "../src/server/triage/examples.ts";
import { CATEGORIES, createTriager, detectLanguage } from "../src/server/triage/index.ts";
import { labelledFeatures, REAL_WEIGHT, trainCategoryModel } from "../src/server/triage/model.ts";
import { analyseSentimentWith, trainSentimentModel } from "../src/server/triage/sentiment.ts";
import { triageLines } from "../src/server/triage/stream.ts";
import { calibrationError, pct, printScores, score } from "./triage/scores.ts";

const FOLDS = 5;
const CURVE = [0, 1, 2, 5, 10, Number.POSITIVE_INFINITY];

/** Fold of each example: within each category, examples are dealt to the folds in turn. */
function stratifiedFolds(examples: readonly Example[]): number[] {
  const folds = new Array<number>(examples.length).fill(0);
  let next = 0;
  for (const category of CATEGORIES) {
    examples.forEach((example, i) => {
      if (example.category !== category) return;
      folds[i] = next % FOLDS;
      next += 1;
    });
  }
  return folds;
}

function crossValidate(real: readonly Example[], written: readonly Example[], folds: number[]) {
  const category = new Array<string>(real.length);
  const confidence = new Array<number>(real.length);
  const sentiment = new Array<string>(real.length);
  const writtenFeatures = labelledFeatures(written);
  const realFeatures = labelledFeatures(real, REAL_WEIGHT);
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const training = real.filter((_, i) => folds[i] !== fold);
    const model = trainCategoryModel([
      ...writtenFeatures,
      ...realFeatures.filter((_, i) => folds[i] !== fold),
    ]);
    const sentimentModel = trainSentimentModel([...written, ...training]);
    const triager = createTriager({ model });
    real.forEach((example, i) => {
      if (folds[i] !== fold) return;
      const result = triager.triage(example.text);
      category[i] = result.category;
      confidence[i] = result.confidence;
      sentiment[i] = analyseSentimentWith(sentimentModel, example.text, example.language).label;
    });
  }
  return { category, confidence, sentiment };
}

/** Held-out accuracy after N agents' corrections per category, from the written model. */
function learningCurve(real: readonly Example[], written: readonly Example[], folds: number[]) {
  const base = trainCategoryModel(labelledFeatures(written));
  return CURVE.map((perCategory) => {
    let correct = 0;
    for (let fold = 0; fold < FOLDS; fold += 1) {
      const seen = new Map<Category, number>();
      const corrections = real.filter((example, i) => {
        if (folds[i] === fold) return false;
        const count = seen.get(example.category) ?? 0;
        seen.set(example.category, count + 1);
        return count < perCategory;
      });
      const triager = createTriager({ model: base.clone(), corrections });
      real.forEach((example, i) => {
        if (folds[i] === fold && triager.triage(example.text).category === example.category)
          correct += 1;
      });
    }
    return { perCategory, accuracy: correct / real.length };
  });
}

async function streamThroughput(lines: readonly string[]): Promise<number> {
  const triager = createTriager();
  const sink = new PassThrough();
  sink.resume();
  const started = performance.now();
  const { lines: count } = await triageLines(
    Readable.from([`${lines.join("\n")}\n`]),
    sink,
    triager,
  );
  return count / ((performance.now() - started) / 1000);
}

function printByLanguage(examples: readonly Example[], truth: string[], predicted: string[]) {
  for (const language of ["en", "fr"]) {
    const idx = examples.flatMap((e, i) => (e.language === language ? [i] : []));
    if (idx.length === 0) continue;
    const correct = idx.filter((i) => truth[i] === predicted[i]).length;
    console.log(`accuracy, ${language}: ${pct(correct / idx.length)} (${idx.length})`);
  }
}

async function main(): Promise<void> {
  const real = loadExamples(datasetPath("real-dev"));
  const written = loadExamples(datasetPath("train"));
  const evaluation = loadExamples(datasetPath("eval"));
  const folds = stratifiedFolds(real);

  console.log(
    `REAL customers' messages: ${real.length} (data/triage/real-dev.jsonl), ${FOLDS}-fold cross-validation stratified by category`,
  );
  const cv = crossValidate(real, written, folds);
  const realCategories = real.map((e) => e.category);
  printScores("real · category", CATEGORIES, score(CATEGORIES, realCategories, cv.category));
  const hits = real.map((e, i) => e.category === cv.category[i]);
  const meanConfidence = cv.confidence.reduce((a, b) => a + b, 0) / real.length;
  console.log(
    `\ncalibration: mean confidence ${pct(meanConfidence)} for ${pct(hits.filter(Boolean).length / real.length)} correct; expected calibration error ${pct(calibrationError(cv.confidence, hits))} (10 bins)`,
  );
  const realSentiments = real.map((e) => e.sentiment);
  printScores(
    "real · sentiment",
    SENTIMENT_LABELS,
    score(SENTIMENT_LABELS, realSentiments, cv.sentiment),
  );
  const realLanguages = real.map((e) => detectLanguage(e.text));
  const languageCorrect = real.filter((e, i) => realLanguages[i] === e.language).length;
  // The labels call a text with no words English; the detector says "und" (cannot tell).
  const undAsEnglish = real.filter(
    (e, i) =>
      realLanguages[i] === e.language || (realLanguages[i] === "und" && e.language === "en"),
  ).length;
  console.log(`\n== real · language ==\naccuracy ${pct(languageCorrect / real.length)}`);
  console.log(
    `counting "und" as the labels' "en" for texts without words: ${pct(undAsEnglish / real.length)}`,
  );

  console.log(
    `\nWRITTEN eval set: ${evaluation.length} messages (data/triage/eval.jsonl), shipped models`,
  );
  const triager = createTriager();
  const results = evaluation.map((example) => triager.triage(example.text));
  const truth = evaluation.map((e) => e.category);
  const predicted = results.map((r) => r.category);
  printScores("written · category", CATEGORIES, score(CATEGORIES, truth, predicted));
  printByLanguage(evaluation, truth, predicted);
  const sentimentTruth = evaluation.map((e) => e.sentiment);
  const sentimentPredicted = results.map((r) => r.sentiment.label);
  const sentimentScores = score(SENTIMENT_LABELS, sentimentTruth, sentimentPredicted);
  console.log(`\n== written · sentiment ==\naccuracy ${pct(sentimentScores.accuracy)}`);
  printByLanguage(evaluation, sentimentTruth, sentimentPredicted);
  const languageOk = evaluation.filter((e, i) => results[i]?.language === e.language).length;
  console.log(`\n== written · language ==\naccuracy ${pct(languageOk / evaluation.length)}`);

  const french = loadExamples(datasetPath("real-style-fr"));
  const frenchResults = french.map((example) => triager.triage(example.text));
  const frenchScores = score(
    CATEGORIES,
    french.map((e) => e.category),
    frenchResults.map((r) => r.category),
  );
  const frenchSentiment = score(
    SENTIMENT_LABELS,
    french.map((e) => e.sentiment),
    frenchResults.map((r) => r.sentiment.label),
  );
  const frenchLanguage = french.filter((e, i) => frenchResults[i]?.language === e.language).length;
  console.log(
    `\nFRENCH, real customers' style: ${french.length} messages (data/triage/real-style-fr.jsonl, never trained on), shipped models`,
  );
  console.log(
    `category ${pct(frenchScores.accuracy)} (macro-F1 ${pct(frenchScores.macroF1)}), sentiment ${pct(frenchSentiment.accuracy)}, language ${pct(frenchLanguage / french.length)}`,
  );

  console.log("\n== side by side ==");
  console.log(
    `${"".padEnd(12)}${"real (CV)".padStart(12)}${"written".padStart(12)}${"French".padStart(12)}`,
  );
  const realCategory = score(CATEGORIES, realCategories, cv.category);
  const writtenCategory = score(CATEGORIES, truth, predicted);
  const realSentiment = score(SENTIMENT_LABELS, realSentiments, cv.sentiment);
  const rows: Array<[string, number, number, number]> = [
    ["category", realCategory.accuracy, writtenCategory.accuracy, frenchScores.accuracy],
    ["macro-F1", realCategory.macroF1, writtenCategory.macroF1, frenchScores.macroF1],
    ["sentiment", realSentiment.accuracy, sentimentScores.accuracy, frenchSentiment.accuracy],
    [
      "language",
      languageCorrect / real.length,
      languageOk / evaluation.length,
      frenchLanguage / french.length,
    ],
  ];
  for (const [name, ...figures] of rows)
    console.log(`${name.padEnd(12)}${figures.map((f) => pct(f).padStart(12)).join("")}`);

  console.log(
    "\n== corrections learning curve (real set, held-back fold; model from written data only) ==",
  );
  for (const point of learningCurve(real, written, folds)) {
    const label = Number.isFinite(point.perCategory) ? String(point.perCategory) : "all";
    console.log(`${label.padStart(4)} corrections per category: ${pct(point.accuracy)}`);
  }

  const texts = evaluation.map((e) => e.text);
  const rounds = 10;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (let round = 0; round < rounds; round += 1) for (const text of texts) triager.triage(text);
  const perSecond = (rounds * texts.length) / ((performance.now() - started) / 1000);
  const cpu = process.cpuUsage(cpuStarted);
  // On a shared machine the wall clock counts other jobs' time too; CPU time counts ours only.
  const perCpuSecond = (rounds * texts.length) / ((cpu.user + cpu.system) / 1e6);
  const streamLines = Array.from({ length: 5000 }, (_, i) =>
    i % 2 === 0 ? texts[i % texts.length]! : JSON.stringify({ text: texts[i % texts.length] }),
  );
  const streamPerSecond = await streamThroughput(streamLines);
  console.log("\n== throughput ==");
  console.log(
    `triage(): ${perSecond.toFixed(0)} messages/s, ${perCpuSecond.toFixed(0)} per CPU-second (${rounds} × ${texts.length} messages)`,
  );
  console.log(`triageLines(): ${streamPerSecond.toFixed(0)} lines/s (5000 lines, half JSON)`);
}

await main();
