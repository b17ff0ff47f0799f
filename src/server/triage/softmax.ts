// Multinomial logistic regression (softmax) over binary sparse features, trained by AdaGrad
// with L2 regularisation. Unlike naive Bayes it weighs correlated features jointly, which
// matters on short real messages where a handful of words and character n-grams carry the
// label. Trainable online: learn() takes a few gradient steps on one example, so an agent's
// correction takes effect at once.

import type { Prediction } from "./naive-bayes.ts";

export interface SoftmaxOptions {
  /** Passes over the training set. */
  epochs?: number;
  /** AdaGrad base learning rate. */
  rate?: number;
  /** L2 penalty per update (weight decay applied lazily to touched weights). */
  l2?: number;
  /** Softmax temperature applied to the scores before reporting probabilities. */
  temperature?: number;
}

export interface TrainingDocument<L extends string> {
  features: readonly string[];
  label: L;
  weight?: number;
}

/** A deterministic pseudo-random generator, so training gives the same model every time. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Softmax<L extends string> {
  readonly labels: readonly L[];
  private readonly weights = new Map<string, Float64Array>();
  private readonly squares = new Map<string, Float64Array>();
  private readonly bias: Float64Array;
  private readonly biasSquares: Float64Array;
  private readonly rate: number;
  private readonly l2: number;
  private readonly epochs: number;
  private readonly temperature: number;

  constructor(labels: readonly L[], options: SoftmaxOptions = {}) {
    this.labels = labels;
    this.bias = new Float64Array(labels.length);
    this.biasSquares = new Float64Array(labels.length).fill(1e-8);
    this.rate = options.rate ?? 0.5;
    this.l2 = options.l2 ?? 1e-4;
    this.epochs = options.epochs ?? 12;
    this.temperature = options.temperature ?? 1;
  }

  /** An independent copy: learning on it leaves this model as it is. */
  clone(): Softmax<L> {
    const copy = new Softmax(this.labels, {
      epochs: this.epochs,
      rate: this.rate,
      l2: this.l2,
      temperature: this.temperature,
    });
    copy.bias.set(this.bias);
    copy.biasSquares.set(this.biasSquares);
    for (const [feature, row] of this.weights) copy.weights.set(feature, Float64Array.from(row));
    for (const [feature, row] of this.squares) copy.squares.set(feature, Float64Array.from(row));
    return copy;
  }

  /** Whether a feature was seen in training. */
  knows(feature: string): boolean {
    return this.weights.has(feature);
  }

  private scores(features: readonly string[]): Float64Array {
    const scores = Float64Array.from(this.bias);
    for (const feature of features) {
      const row = this.weights.get(feature);
      if (!row) continue;
      for (let c = 0; c < scores.length; c += 1) scores[c] = (scores[c] ?? 0) + (row[c] ?? 0);
    }
    return scores;
  }

  private probabilities(scores: Float64Array, temperature: number): Float64Array {
    const max = Math.max(...scores);
    const exps = scores.map((s) => Math.exp((s - max) / temperature));
    const sum = exps.reduce((a, b) => a + b, 0);
    return exps.map((e) => e / sum);
  }

  /** One AdaGrad step on one example. */
  private step(features: readonly string[], label: number, weight: number): void {
    const p = this.probabilities(this.scores(features), 1);
    const size = this.labels.length;
    const gradient = new Float64Array(size);
    for (let c = 0; c < size; c += 1) gradient[c] = ((p[c] ?? 0) - (c === label ? 1 : 0)) * weight;
    for (let c = 0; c < size; c += 1) {
      const g = gradient[c] ?? 0;
      this.biasSquares[c] = (this.biasSquares[c] ?? 0) + g * g;
      this.bias[c] = (this.bias[c] ?? 0) - (this.rate * g) / Math.sqrt(this.biasSquares[c] ?? 1);
    }
    for (const feature of features) {
      let row = this.weights.get(feature);
      let squares = this.squares.get(feature);
      if (!row || !squares) {
        row = new Float64Array(size);
        squares = new Float64Array(size).fill(1e-8);
        this.weights.set(feature, row);
        this.squares.set(feature, squares);
      }
      for (let c = 0; c < size; c += 1) {
        const g = (gradient[c] ?? 0) + this.l2 * (row[c] ?? 0);
        squares[c] = (squares[c] ?? 0) + g * g;
        row[c] = (row[c] ?? 0) - (this.rate * g) / Math.sqrt(squares[c] ?? 1);
      }
    }
  }

  /** Fits the model to documents, shuffled the same way on every run. */
  train(documents: ReadonlyArray<TrainingDocument<L>>): this {
    const order = documents.map((_, i) => i);
    const random = mulberry32(42);
    for (let epoch = 0; epoch < this.epochs; epoch += 1) {
      for (let i = order.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const index of order) {
        const document = documents[index]!;
        this.step(document.features, this.labels.indexOf(document.label), document.weight ?? 1);
      }
    }
    return this;
  }

  /** Learns one more example online (an agent's correction): a few steps on it. */
  learn(features: readonly string[], label: L, steps = 3): void {
    const index = this.labels.indexOf(label);
    if (index < 0) throw new Error(`unknown label ${label}`);
    for (let s = 0; s < steps; s += 1) this.step(features, index, 1);
  }

  predict(features: readonly string[]): Prediction<L> {
    const p = this.probabilities(this.scores(features), this.temperature);
    const probabilities = {} as Record<L, number>;
    let best = 0;
    this.labels.forEach((label, c) => {
      probabilities[label] = p[c] ?? 0;
      if ((p[c] ?? 0) > (p[best] ?? 0)) best = c;
    });
    const label = this.labels[best]!;
    return { label, confidence: probabilities[label], probabilities };
  }
}
