import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Category, isCategory, SENTIMENT_LABELS, type SentimentLabel } from "./categories.ts";

/** A labelled message of data/triage/*.jsonl. */
export interface Example {
  text: string;
  language: string;
  category: Category;
  sentiment: SentimentLabel;
}

export type DatasetName = "train" | "eval" | "real-dev" | "real-style-fr";

/** The shipped labelled data, found from this file so it works from any working directory. */
export function datasetPath(name: DatasetName): string {
  return fileURLToPath(new URL(`../../../data/triage/${name}.jsonl`, import.meta.url));
}

function isSentiment(value: unknown): value is SentimentLabel {
  return typeof value === "string" && (SENTIMENT_LABELS as readonly string[]).includes(value);
}

/** Parses one JSONL line; throws with the line number when a field is missing or wrong. */
export function parseExample(line: string, lineNumber: number): Example {
  const value: unknown = JSON.parse(line);
  if (typeof value !== "object" || value === null)
    throw new Error(`line ${lineNumber}: not an object`);
  const record = value as Record<string, unknown>;
  // data/triage/real-dev.jsonl names the language "lang", as the file it was copied from.
  const { text, category, sentiment } = record;
  const language = record.language ?? record.lang;
  if (typeof text !== "string" || typeof language !== "string") {
    throw new Error(`line ${lineNumber}: text and language must be strings`);
  }
  if (!isCategory(category))
    throw new Error(`line ${lineNumber}: unknown category ${String(category)}`);
  if (!isSentiment(sentiment))
    throw new Error(`line ${lineNumber}: unknown sentiment ${String(sentiment)}`);
  return { text, language, category, sentiment };
}

export function parseExamples(jsonl: string): Example[] {
  const examples: Example[] = [];
  jsonl.split("\n").forEach((line, index) => {
    if (line.trim().length > 0) examples.push(parseExample(line, index + 1));
  });
  return examples;
}

export function loadExamples(path: string): Example[] {
  return parseExamples(readFileSync(path, "utf8"));
}
