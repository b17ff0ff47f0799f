import { describe, expect, it } from "vitest";
import { type DatasetName, datasetPath, loadExamples } from "./examples.ts";
import { fold } from "./text.ts";

// An evaluation is only honest if none of its messages was trained on. eval.jsonl is never
// trained on, nor real-style-fr.jsonl (French checks); real-dev.jsonl is cross-validated, so it
// must not appear in train.jsonl either.
// Messages are compared normalised: case, accents, punctuation, digits, handles and links.

function normalised(text: string): string {
  return fold(text)
    .replace(/\b(?:https?:\/\/|www\.)\S+/g, " ")
    .replace(/@[\w.]+/g, " ")
    .replace(/[^a-z]+/g, " ")
    .trim();
}

function texts(name: DatasetName): Map<string, string> {
  return new Map(loadExamples(datasetPath(name)).map((e) => [normalised(e.text), e.text]));
}

function shared(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...a.keys()].filter((key) => key.length > 0 && b.has(key)).map((key) => a.get(key)!);
}

describe("triage datasets", () => {
  it("normalises away what does not change a message", () => {
    expect(normalised("@Shop Colis ABÎMÉ!! https://t.co/x 12")).toBe(normalised("colis abime"));
  });

  it("never evaluates on a message that is trained on", () => {
    const train = texts("train");
    const evaluation = texts("eval");
    const real = texts("real-dev");
    expect(shared(evaluation, train)).toEqual([]);
    expect(shared(evaluation, real)).toEqual([]);
    expect(shared(real, train)).toEqual([]);
    const french = texts("real-style-fr");
    expect(shared(french, train)).toEqual([]);
    expect(shared(french, real)).toEqual([]);
  });
});
