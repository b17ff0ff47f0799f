import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import { channelCreator } from "../../../commands/channelCreator.ts";
import type { Services } from "../../../services.ts";

export const TEST_TOKEN_KEY = "email-test-token-key-0123456789";

/** An email channel with an address no other test uses. */
export async function createEmailChannel(
  services: Services,
  accountId: string,
  props: { smtpUrl?: string; imapUrl?: string; config?: Record<string, unknown> } = {},
) {
  const address = `support-${randomUUID().slice(0, 8)}@shop.example`;
  const channel = await channelCreator(services.db, services.secrets, {
    accountId,
    kind: "email",
    name: "Service client",
    config: { address, ...props.config },
    secrets: { tokenKey: TEST_TOKEN_KEY, smtpUrl: props.smtpUrl, imapUrl: props.imapUrl },
  });
  return { channel, address };
}

/** Sends raw bytes over SMTP, as a mail server would deliver them to Relais. */
export async function deliverRaw(
  port: number,
  raw: Buffer,
  envelope: { from: string; to: string[] },
) {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port,
    secure: false,
    ignoreTLS: true,
  });
  try {
    return await transport.sendMail({ envelope, raw });
  } finally {
    transport.close();
  }
}
