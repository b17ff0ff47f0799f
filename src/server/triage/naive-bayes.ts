// Multinomial naive Bayes over binary features, with Laplace smoothing and a uniform prior
// (the shipped classes are balanced, and agents' corrections should not tilt the prior).
// Trainable online: learn() just adds counts, so a correction takes effect at once.

export interface Prediction<L extends string> {
  label: L;
  /** Posterior probability of the label after temperature scaling, in [0, 1]. */
  confidence: number;
  /** Every label's probability, summing to 1. */
  probabilities: Record<L, number>;
}

export interface NaiveBayesOptions {
  /** Laplace smoothing added to every feature count. */
  alpha?: number;
  /** Log-likelihoods are divided by this before the softmax, to calibrate confidences. */
  temperature?: number;
}

export class NaiveBayes<L extends string> {
  readonly labels: readonly L[];
  private readonly counts = new Map<string, Float64Array>();
  private readonly totals: Float64Array;
  private readonly alpha: number;
  private readonly temperature: number;

  constructor(labels: readonly L[], options: NaiveBayesOptions = {}) {
    this.labels = labels;
    this.totals = new Float64Array(labels.length);
    this.alpha = options.alpha ?? 0.5;
    this.temperature = options.temperature ?? 1;
  }

  /** Adds a document's features to a label, `weight` times (corrections weigh more). */
  learn(features: readonly string[], label: L, weight = 1): void {
    const index = this.labels.indexOf(label);
    if (index < 0) throw new Error(`unknown label ${label}`);
    for (const feature of features) {
      let row = this.counts.get(feature);
      if (!row) {
        row = new Float64Array(this.labels.length);
        this.counts.set(feature, row);
      }
      row[index] = (row[index] ?? 0) + weight;
      this.totals[index] = (this.totals[index] ?? 0) + weight;
    }
  }

  /** Whether a feature was seen in training. */
  knows(feature: string): boolean {
    return this.counts.has(feature);
  }

  /** Per-label log-likelihood of the features; features never seen in training are ignored. */
  logLikelihoods(features: readonly string[]): Float64Array {
    const size = this.labels.length;
    const vocabulary = this.counts.size + 1;
    const scores = new Float64Array(size);
    const denominators = this.totals.map((total) => Math.log(total + this.alpha * vocabulary));
    for (const feature of features) {
      const row = this.counts.get(feature);
      if (!row) continue;
      for (let c = 0; c < size; c += 1) {
        scores[c] =
          (scores[c] ?? 0) + Math.log((row[c] ?? 0) + this.alpha) - (denominators[c] ?? 0);
      }
    }
    return scores;
  }

  predict(features: readonly string[]): Prediction<L> {
    const scores = this.logLikelihoods(features);
    const max = Math.max(...scores);
    const exps = scores.map((score) => Math.exp((score - max) / this.temperature));
    const sum = exps.reduce((a, b) => a + b, 0);
    const probabilities = {} as Record<L, number>;
    let best = 0;
    this.labels.forEach((label, c) => {
      probabilities[label] = (exps[c] ?? 0) / sum;
      if ((exps[c] ?? 0) > (exps[best] ?? 0)) best = c;
    });
    const label = this.labels[best]!;
    return { label, confidence: probabilities[label], probabilities };
  }
}
