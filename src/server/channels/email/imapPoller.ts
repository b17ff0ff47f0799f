import { ImapFlow, type MessageEnvelopeObject, type MessageStructureObject } from "imapflow";
import { simpleParser } from "mailparser";
import type { InboundItem, PollContext, PollResult } from "../provider.ts";
import { type EmailChannel, readServerUrl, type ServerUrl } from "./config.ts";
import { itemsFromMail, parseEmail } from "./inbound.ts";
import { htmlToPlainText } from "./sanitize.ts";

/** Where a mailbox was read up to. A new UIDVALIDITY means its UIDs were renumbered. */
export interface MailboxCursor {
  uidValidity: string;
  lastUid: number;
}

export type ImapState = Record<string, MailboxCursor>;

/** A poll stops taking new batches after this long (the rest waits for the next poll). */
const POLL_BUDGET_MS = 60_000;
/** Text of an oversized message is imported up to this size. */
const OVERSIZE_TEXT_BYTES = 1024 * 1024;

export function imapState(channel: EmailChannel): ImapState {
  const state = channel.row.state.imap;
  return typeof state === "object" && state !== null ? (state as ImapState) : {};
}

/**
 * Fetches what is new in every mailbox of the channel, each on its own connection, in
 * parallel. Per mailbox: only UIDs above the saved cursor (everything again, deduplicated by
 * Message-ID downstream, if UIDVALIDITY changed); bounded batches; messages above the size
 * limit are left out of the batch fetch and imported separately, text only, so that one huge
 * message never holds up the others. Mailboxes are opened read-only: nothing is marked read.
 * A mailbox that fails keeps its cursor and is tried again next time.
 */
export async function pollImap(channel: EmailChannel, context: PollContext): Promise<PollResult> {
  if (!channel.secrets.imapUrl) return { items: [] };
  const server = readServerUrl(channel.secrets.imapUrl, { plain: 143, tls: 993 });
  const previous = imapState(channel);
  const results = await Promise.all(
    server.mailboxes.map(async (mailbox) => {
      try {
        return await pollMailbox(channel, server, mailbox, previous[mailbox], context);
      } catch (error) {
        context.log.warn({ err: error, mailbox }, "IMAP mailbox could not be read");
        return { items: [] as InboundItem[], cursor: previous[mailbox] };
      }
    }),
  );
  const next: ImapState = { ...previous };
  const items: InboundItem[] = [];
  for (const [index, result] of results.entries()) {
    items.push(...result.items);
    const mailbox = server.mailboxes[index];
    if (mailbox && result.cursor) next[mailbox] = result.cursor;
  }
  return { items, state: { imap: next } };
}

async function pollMailbox(
  channel: EmailChannel,
  server: ServerUrl,
  mailbox: string,
  cursor: MailboxCursor | undefined,
  context: PollContext,
): Promise<{ items: InboundItem[]; cursor: MailboxCursor }> {
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: server.secure,
    auth: { user: server.user ?? "", pass: server.pass ?? "" },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: context.timeoutMs,
    greetingTimeout: context.timeoutMs,
    socketTimeout: Math.max(context.timeoutMs * 4, 30_000),
  });
  client.on("error", (error: unknown) => context.log.warn({ err: error, mailbox }, "IMAP error"));
  await client.connect();
  const items: InboundItem[] = [];
  try {
    const lock = await client.getMailboxLock(mailbox, { readOnly: true });
    try {
      const opened = client.mailbox;
      if (!opened) throw new Error(`mailbox ${mailbox} did not open`);
      const uidValidity = String(opened.uidValidity);
      let lastUid = cursor && cursor.uidValidity === uidValidity ? cursor.lastUid : 0;
      if (cursor && cursor.uidValidity !== uidValidity) {
        context.log.warn(
          { mailbox, was: cursor.uidValidity, now: uidValidity },
          "UIDVALIDITY changed; resyncing",
        );
      }
      const started = Date.now();
      while (Date.now() - started < POLL_BUDGET_MS) {
        const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
        const uids = (found || [])
          .filter((uid) => uid > lastUid)
          .sort((a, b) => a - b)
          .slice(0, channel.config.batchSize);
        if (uids.length === 0) break;
        items.push(...(await fetchBatch(channel, client, uids, context)));
        lastUid = uids.at(-1) ?? lastUid;
        if (uids.length < channel.config.batchSize) break;
      }
      return { items, cursor: { uidValidity, lastUid } };
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function fetchBatch(
  channel: EmailChannel,
  client: ImapFlow,
  uids: number[],
  context: PollContext,
): Promise<InboundItem[]> {
  const sizes = await client.fetchAll(uids.join(","), { uid: true, size: true }, { uid: true });
  const limit = channel.config.maxMessageBytes;
  const small = sizes.filter((entry) => (entry.size ?? 0) <= limit).map((entry) => entry.uid);
  const large = sizes.filter((entry) => (entry.size ?? 0) > limit);

  const sources: Array<{ uid: number; source: Buffer; imapEnvelope: string[] }> = [];
  if (small.length > 0) {
    // Collected first: no other command may run while a FETCH response is being read.
    for await (const fetched of client.fetch(
      small.join(","),
      { uid: true, source: true, envelope: true },
      { uid: true },
    )) {
      if (fetched.source)
        sources.push({
          uid: fetched.uid,
          source: fetched.source,
          imapEnvelope: envelopeAddresses(fetched.envelope),
        });
    }
  }
  const items: InboundItem[] = [];
  for (const { uid, source, imapEnvelope } of sources) {
    // Mail that cannot be read or attributed comes back as a quarantine item: the cursor moves
    // past a message only once it is stored somewhere.
    const parsed = await parseEmail(channel, source, { imapEnvelope });
    if (parsed.items.some((item) => item.type === "quarantine"))
      context.log.warn({ uid }, "message kept in the quarantine");
    items.push(...parsed.items);
  }
  for (const entry of large) {
    try {
      items.push(...(await fetchOversized(channel, client, entry.uid, entry.size ?? 0)));
    } catch (error) {
      context.log.warn({ err: error, uid: entry.uid }, "oversized message skipped");
    }
  }
  return items;
}

/** A message above the size limit: its headers and text, with a note of what was left out. */
async function fetchOversized(
  channel: EmailChannel,
  client: ImapFlow,
  uid: number,
  size: number,
): Promise<InboundItem[]> {
  const meta = await client.fetchOne(
    String(uid),
    { uid: true, headers: true, bodyStructure: true, envelope: true },
    { uid: true },
  );
  if (meta === false || !meta.headers) return [];
  const parts = flatten(meta.bodyStructure);
  const body =
    parts.find((part) => part.type === "text/plain" && part.disposition !== "attachment") ??
    parts.find((part) => part.type === "text/html" && part.disposition !== "attachment");
  let text = "";
  if (body) {
    const download = await client.download(String(uid), body.part ?? "1", {
      uid: true,
      maxBytes: OVERSIZE_TEXT_BYTES,
    });
    const chunks: Buffer[] = [];
    if ("content" in download && download.content) {
      for await (const chunk of download.content) chunks.push(chunk as Buffer);
    }
    const decoded = Buffer.concat(chunks).toString("utf8");
    text = body.type === "text/html" ? htmlToPlainText(decoded) : decoded;
  }
  const mail = await simpleParser(Buffer.concat([meta.headers, Buffer.from("\r\n")]));
  mail.text = text;
  mail.html = false;
  mail.attachments = [];
  const skipped = parts
    .filter((part) => part !== body && !part.type.startsWith("multipart/"))
    .map((part) => ({
      filename: part.dispositionParameters?.filename ?? part.parameters?.name ?? "attachment",
      contentType: part.type,
      size: part.size ?? 0,
    }));
  return itemsFromMail(channel, mail, {
    fallbackId: Buffer.concat([meta.headers, Buffer.from(String(size))]),
    raw: Buffer.concat([meta.headers, Buffer.from("\r\n"), Buffer.from(text)]),
    envelope: { imapEnvelope: envelopeAddresses(meta.envelope) },
    oversize: { size, skipped },
  }).items;
}

/** The From and Sender addresses of the IMAP ENVELOPE, as the mail server read them. */
function envelopeAddresses(envelope: MessageEnvelopeObject | undefined): string[] {
  return [...(envelope?.from ?? []), ...(envelope?.sender ?? [])].flatMap((entry) =>
    entry.address ? [entry.address] : [],
  );
}

function flatten(node: MessageStructureObject | undefined): MessageStructureObject[] {
  if (!node) return [];
  return [node, ...(node.childNodes ?? []).flatMap(flatten)];
}
