import { createInterface } from "node:readline";
import { createTriager, type Triager } from "./triager.ts";

// Line-oriented triage: each input line is a message (plain text, or a JSON object with a
// "text" field); each output line is the JSON triage of the input line at the same rank.

function lineText(line: string): { text: string } | { error: string } {
  if (!line.trimStart().startsWith("{")) return { text: line };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: "invalid JSON" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { error: "expected a JSON object" };
  }
  const { text } = value as { text?: unknown };
  if (typeof text !== "string") return { error: 'missing string field "text"' };
  return { text };
}

function write(output: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (output.write(chunk)) return Promise.resolve();
  return new Promise((resolve) => output.once("drain", () => resolve()));
}

/**
 * Triages every non-blank line of `input` and writes one JSON object per line to `output`:
 * {"language","sentiment":{"label","score"},"category","confidence"}, or {"error"} for a JSON
 * line without a string "text". Resolves with the number of lines answered.
 */
export async function triageLines(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  triager: Triager = createTriager(),
): Promise<{ lines: number }> {
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lines = 0;
  let pending: string[] = [];
  for await (const line of reader) {
    if (line.trim().length === 0) continue;
    const parsed = lineText(line);
    const answer = "error" in parsed ? parsed : triager.triage(parsed.text);
    pending.push(JSON.stringify(answer));
    lines += 1;
    if (pending.length >= 256) {
      await write(output, `${pending.join("\n")}\n`);
      pending = [];
    }
  }
  if (pending.length > 0) await write(output, `${pending.join("\n")}\n`);
  return { lines };
}
