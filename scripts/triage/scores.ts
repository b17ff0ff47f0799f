// Scores of a classifier against the truth: accuracy, macro-F1, per-class precision / recall /
// F1 and the confusion matrix, with a plain-text printer. Used by scripts/eval-triage.ts.

export interface Scores {
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

export function score(
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

export const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;

export function printScores(title: string, labels: readonly string[], scores: Scores): void {
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

/**
 * Expected calibration error: predictions binned by confidence (ten bins), the gap between
 * each bin's mean confidence and its accuracy, weighted by the bin's share of predictions.
 */
export function calibrationError(confidences: readonly number[], correct: readonly boolean[]) {
  const bins = Array.from({ length: 10 }, () => ({ count: 0, confidence: 0, correct: 0 }));
  confidences.forEach((confidence, i) => {
    const bin = bins[Math.min(9, Math.floor(confidence * 10))]!;
    bin.count += 1;
    bin.confidence += confidence;
    if (correct[i]) bin.correct += 1;
  });
  const gap = bins.reduce((sum, bin) => sum + Math.abs(bin.confidence - bin.correct), 0);
  return gap / Math.max(1, confidences.length);
}
