import { z } from "zod";
import type { ResolvedChannel } from "../provider.ts";

const MB = 1024 * 1024;

/** Settings an admin may see. Mailbox and relay URLs carry credentials: they are secrets. */
export const ZEmailConfig = z.object({
  /** The address customers write to; replies come from it. Surrounding spaces are dropped. */
  address: z.string().trim().pipe(z.email().max(320)),
  /** The name shown with the address in replies (the channel's name when absent). */
  fromName: z.string().max(200).nullish(),
  pollIntervalSeconds: z.coerce.number().int().min(1).max(86_400).default(60),
  /** Larger mail fetched by IMAP is imported without its attachments. */
  maxMessageBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * MB),
  /** Messages fetched per mailbox and poll at most (the rest on the next poll). */
  batchSize: z.coerce.number().int().min(1).max(1000).default(100),
});

const imapUrl = z
  .url()
  .refine((url) => /^imaps?:\/\//i.test(url), "must be an imap:// or imaps:// URL");
const smtpUrl = z
  .url()
  .refine((url) => /^smtps?:\/\//i.test(url), "must be an smtp:// or smtps:// URL");

export const ZEmailSecrets = z.object({
  /** Keys the conversation tokens in reply addresses and subjects. */
  tokenKey: z.string().min(16),
  /** imap[s]://user:pass@host:port/INBOX[,Other] — the mailboxes Relais polls. */
  imapUrl: imapUrl.nullish(),
  /** smtp[s]://user:pass@host:port — the relay replies go through. */
  smtpUrl: smtpUrl.nullish(),
});

export type EmailConfig = z.infer<typeof ZEmailConfig>;
export type EmailSecrets = z.infer<typeof ZEmailSecrets>;
export type EmailChannel = ResolvedChannel<EmailConfig, EmailSecrets>;

/** Host, port, TLS and credentials of an imap(s):// or smtp(s):// URL. */
export interface ServerUrl {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  pass: string | null;
  /** IMAP only: the mailboxes named in the path (INBOX when none). */
  mailboxes: string[];
}

export function readServerUrl(raw: string, defaults: { plain: number; tls: number }): ServerUrl {
  const url = new URL(raw);
  const secure = url.protocol.endsWith("s:");
  const path = decodeURIComponent(url.pathname.replace(/^\//, ""));
  const mailboxes = path
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : secure ? defaults.tls : defaults.plain,
    secure,
    user: url.username ? decodeURIComponent(url.username) : null,
    pass: url.password ? decodeURIComponent(url.password) : null,
    mailboxes: mailboxes.length > 0 ? mailboxes : ["INBOX"],
  };
}
