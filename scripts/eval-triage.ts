// Evaluates the triage engine on data/triage/eval.jsonl (never used for training) and prints
// category, sentiment and language scores, then throughput. Run: npm run eval:triage

import { PassThrough, Readable } from "node:stream";
import { SENTIMENT_LABELS } from "../src/server/triage/categories.ts";
import { datasetPath, loadExamples } from "../src/server/triage/examples.ts";
import { CATEGORIES, createTriager } from "../src/server/triage/index.ts";
import { LABEL_THRESHOLD } from "../src/server/triage/sentiment.ts";
import { lexiconSentiment } from "../src/server/triage/sentiment-lexicon.ts";
import { triageLines } from "../src/server/triage/stream.ts";

interface Scores {
  accuracy: number;
  macroF1: number;
  perClass: Array<{
    label: string;
    precision: number;
    recall: number;
    f1: number;
    support: number;
  }>;
  matrix: number[][];
}

function score(
  labels: readonly string[],
  truth: readonly string[],
  predicted: readonly string[],
): Scores {
  const matrix = labels.map(() => labels.map(() => 0));
  truth.forEach((actual, i) => {
    const row = matrix[labels.indexOf(actual)];
    const column = labels.indexOf(predicted[i] ?? "");
    if (row && column >= 0) row[column] = (row[column] ?? 0) + 1;
  });
  const perClass = labels.map((label, c) => {
    const tp = matrix[c]?.[c] ?? 0;
    const support = (matrix[c] ?? []).reduce((a, b) => a + b, 0);
    const predictedCount = matrix.reduce((sum, row) => sum + (row[c] ?? 0), 0);
    const precision = predictedCount === 0 ? 0 : tp / predictedCount;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support };
  });
  const correct = truth.filter((actual, i) => actual === predicted[i]).length;
  const macroF1 = perClass.reduce((sum, c) => sum + c.f1, 0) / labels.length;
  return { accuracy: correct / truth.length, macroF1, perClass, matrix };
}

const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;

function printScores(title: string, labels: readonly string[], scores: Scores): void {
  console.log(`\n== ${title} ==`);
  console.log(`accuracy ${pct(scores.accuracy)}   macro-F1 ${pct(scores.macroF1)}`);
  console.log(
    `\n${"class".padEnd(22)}${"precision".padStart(10)}${"recall".padStart(10)}${"F1".padStart(10)}${"n".padStart(6)}`,
  );
  for (const c of scores.perClass) {
    const cells = [pct(c.precision), pct(c.recall), pct(c.f1)].map((v) => v.padStart(10)).join("");
    console.log(`${c.label.padEnd(22)}${cells}${String(c.support).padStart(6)}`);
  }
  const short = labels.map((_, i) => `c${i + 1}`);
  console.log("\nconfusion matrix (rows: truth, columns: predicted)");
  console.log(`${"".padEnd(26)}${short.map((s) => s.padStart(5)).join("")}`);
  scores.matrix.forEach((row, i) => {
    const name = `${short[i]} ${labels[i]}`.padEnd(26);
    console.log(`${name}${row.map((n) => (n === 0 ? "." : String(n)).padStart(5)).join("")}`);
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

async function main(): Promise<void> {
  const examples = loadExamples(datasetPath("eval"));
  const trainingStarted = performance.now();
  const triager = createTriager();
  const trainingMs = performance.now() - trainingStarted;
  const results = examples.map((example) => triager.triage(example.text));

  console.log(`eval set: ${examples.length} messages (data/triage/eval.jsonl)`);
  console.log(`model trained from data/triage/train.jsonl in ${trainingMs.toFixed(0)} ms`);
  const truth = examples.map((e) => e.category);
  const predicted = results.map((r) => r.category);
  printScores("category", CATEGORIES, score(CATEGORIES, truth, predicted));
  for (const language of ["fr", "en"]) {
    const idx = examples.flatMap((e, i) => (e.language === language ? [i] : []));
    const correct = idx.filter((i) => truth[i] === predicted[i]).length;
    console.log(`category accuracy, ${language}: ${pct(correct / idx.length)} (${idx.length})`);
  }
  const meanConfidence = results.reduce((sum, r) => sum + r.confidence, 0) / results.length;
  console.log(`mean confidence ${pct(meanConfidence)}`);

  const sentimentTruth = examples.map((e) => e.sentiment);
  const sentimentPredicted = results.map((r) => r.sentiment.label);
  printScores(
    "sentiment",
    SENTIMENT_LABELS,
    score(SENTIMENT_LABELS, sentimentTruth, sentimentPredicted),
  );

  const lexiconOnly = examples.filter((e) => {
    const value = lexiconSentiment(e.text, e.language);
    const label =
      value >= LABEL_THRESHOLD ? "positive" : value <= -LABEL_THRESHOLD ? "negative" : "neutral";
    return label === e.sentiment;
  }).length;
  console.log(
    `(lexicon and rules alone, without the learned part: accuracy ${pct(lexiconOnly / examples.length)})`,
  );

  const languageCorrect = examples.filter((e, i) => results[i]?.language === e.language).length;
  const short = examples.flatMap((e, i) => (e.text.split(/\s+/).length <= 5 ? [i] : []));
  const shortCorrect = short.filter((i) => results[i]?.language === examples[i]?.language).length;
  console.log(`\n== language ==\naccuracy ${pct(languageCorrect / examples.length)}`);
  console.log(
    `on messages of at most 5 words: ${pct(shortCorrect / short.length)} (${short.length})`,
  );

  const texts = examples.map((e) => e.text);
  const rounds = 10;
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) for (const text of texts) triager.triage(text);
  const perSecond = (rounds * texts.length) / ((performance.now() - started) / 1000);
  const streamLines = Array.from({ length: 5000 }, (_, i) =>
    i % 2 === 0 ? texts[i % texts.length]! : JSON.stringify({ text: texts[i % texts.length] }),
  );
  const streamPerSecond = await streamThroughput(streamLines);
  console.log("\n== throughput ==");
  console.log(
    `triage(): ${perSecond.toFixed(0)} messages/s (${rounds} × ${texts.length} messages)`,
  );
  console.log(`triageLines(): ${streamPerSecond.toFixed(0)} lines/s (5000 lines, half JSON)`);
}

await main();
