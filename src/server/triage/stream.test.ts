import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createTriager } from "./index.ts";
import { triageLines } from "./stream.ts";

async function run(input: string): Promise<{ lines: number; output: unknown[] }> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (chunk: Buffer) => chunks.push(chunk));
  const { lines } = await triageLines(Readable.from([input]), sink, createTriager());
  const text = Buffer.concat(chunks).toString("utf8");
  const output = text
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as unknown);
  return { lines, output };
}

describe("triageLines", () => {
  it("answers plain, JSON and bad lines in order, skipping blank ones", async () => {
    const input = [
      "colis abîmé !!!",
      "",
      JSON.stringify({ text: "where is my order??", id: 7 }),
      "   ",
      JSON.stringify({ body: "no text field" }),
      "{not json",
      JSON.stringify({ text: 42 }),
      "Thank you so much, the team was amazing!",
    ].join("\n");
    const { lines, output } = await run(input);
    expect(lines).toBe(6);
    expect(output).toHaveLength(6);
    expect(output[0]).toMatchObject({
      language: "fr",
      sentiment: { label: "negative" },
      category: "delivery.damaged",
    });
    expect(output[1]).toMatchObject({ language: "en", sentiment: { label: "negative" } });
    expect(output[2]).toEqual({ error: expect.any(String) });
    expect(output[3]).toEqual({ error: expect.any(String) });
    expect(output[4]).toEqual({ error: expect.any(String) });
    expect(output[5]).toMatchObject({ category: "praise", sentiment: { label: "positive" } });
    expect(Object.keys(output[0] as object).sort()).toEqual([
      "category",
      "confidence",
      "language",
      "sentiment",
    ]);
  });

  it("handles CRLF input and thousands of lines (throughput: npm run eval:triage)", async () => {
    const line = "Mon colis est marqué livré mais je n'ai rien reçu";
    const input = `${Array.from({ length: 2000 }, () => line).join("\r\n")}\r\n`;
    const { lines, output } = await run(input);
    expect(lines).toBe(2000);
    expect(output.every((o) => (o as { category?: string }).category === "delivery.missing")).toBe(
      true,
    );
  });
});
