import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { EmailChannel } from "../config.ts";

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

/** An email channel as the parser sees it, for tests that parse without a database. */
export function parsingChannel(address: string, tokenKey: string): EmailChannel {
  return {
    row: {
      account_id: "00000000-0000-4000-8000-000000000001",
      id: "00000000-0000-4000-8000-000000000002",
      kind: "email",
      name: "Support",
      config: {},
      secrets: null,
      state: {},
      disabled_at: null,
      sign_public_replies: false,
      created_at: new Date(),
      last_received_at: null,
      last_error: null,
      last_error_at: null,
    },
    config: { address, pollIntervalSeconds: 60, maxMessageBytes: 1_000_000, batchSize: 100 },
    secrets: { tokenKey },
  };
}
