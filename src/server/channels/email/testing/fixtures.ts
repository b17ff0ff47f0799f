import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const FOLDER = fileURLToPath(new URL("../../../../../test/fixtures/email/", import.meta.url));

/**
 * A fixture from test/fixtures/email as the bytes a mail server would carry (CRLF lines,
 * original charset untouched), with its {{PLACEHOLDERS}} filled in.
 */
export function emailFixture(name: string, values: Record<string, string> = {}): Buffer {
  let text = readFileSync(`${FOLDER}${name}.eml`).toString("latin1");
  for (const [key, value] of Object.entries(values)) text = text.replaceAll(`{{${key}}}`, value);
  return Buffer.from(text.replace(/\r?\n/g, "\r\n"), "latin1");
}
