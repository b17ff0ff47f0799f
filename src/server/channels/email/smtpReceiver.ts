import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { inboundIngester } from "../../commands/inboundIngester.ts";
import type { Channel } from "../../db/schema.ts";
import type { Services } from "../../services.ts";
import type { Receiver } from "../receivers.ts";
import { resolveChannel } from "../resolve.ts";
import { baseAddress } from "./addresses.ts";
import type { EmailChannel } from "./config.ts";
import { parseEmail } from "./inbound.ts";

/** Largest message accepted (announced with SIZE; bigger ones are refused with 552). */
export const SMTP_MAX_BYTES = 25 * 1024 * 1024;
const MAX_RECIPIENTS = 50;

/** The port each running receiver is bound to (port 0 in tests picks a free one). */
const boundPorts = new WeakMap<Services, number>();

export function smtpReceiverPort(services: Services): number | null {
  return boundPorts.get(services) ?? null;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * The one enabled email channel an address belongs to, plus part ignored. Addresses are unique
 * in the installation (inbound_addresses), so a mail never reaches another account's channel.
 */
async function channelFor(services: Services, address: string): Promise<Channel | null> {
  const base = baseAddress(address);
  if (!base) return null;
  const row = await services.db
    .selectFrom("inbound_addresses")
    .innerJoin("channels", (join) =>
      join
        .onRef("channels.account_id", "=", "inbound_addresses.account_id")
        .onRef("channels.id", "=", "inbound_addresses.channel_id"),
    )
    .selectAll("channels")
    .where("inbound_addresses.address", "=", base)
    .where("channels.kind", "=", "email")
    .where("channels.disabled_at", "is", null)
    .executeTakeFirst();
  return row ?? null;
}

async function readStream(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Relais' own SMTP server on RELAIS_SMTP_PORT (2525 by default): the MX, or a forwarding rule,
 * delivers to it. It accepts mail only for the addresses of enabled email channels (refusing
 * others at RCPT with 550), each address belonging to one channel of one account, parses it
 * and stores it through the ingester: in a conversation, or in the quarantine when no sender
 * can be read. A storage failure
 * answers 451 so that the sending server tries again later rather than losing the mail.
 * No AUTH and no STARTTLS: put it behind your MTA or a TLS-terminating proxy on the internet.
 */
export const smtpReceiver: Receiver = {
  name: "smtp",
  async start(services) {
    const log = services.log.child({ receiver: "smtp" });
    const handleData = async (stream: SMTPServerDataStream, session: SMTPServerSession) => {
      const raw = await readStream(stream);
      if (stream.sizeExceeded) throw smtpError(552, "Message exceeds the size limit");
      const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address);
      const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
      const seen = new Set<string>();
      for (const recipient of recipients) {
        const row = await channelFor(services, recipient);
        if (!row || seen.has(row.id)) continue;
        seen.add(row.id);
        const { channel } = resolveChannel(row, services.secrets);
        const parsed = await parseEmail(channel as EmailChannel, raw, { sender, recipients });
        // Stored (in a conversation or in the quarantine) before the 250 that ends our part.
        const outcome = await inboundIngester(services.db, row, parsed.items);
        log.info(
          {
            accountId: row.account_id,
            channelId: row.id,
            stored: outcome.stored,
            duplicates: outcome.duplicates,
            updates: outcome.updates,
            quarantined: outcome.quarantined,
            dropped: parsed.dropped,
          },
          "mail received",
        );
      }
    };

    const server = new SMTPServer({
      name: services.env.RELAIS_PUBLIC_URL
        ? new URL(services.env.RELAIS_PUBLIC_URL).hostname
        : undefined,
      banner: "Relais",
      size: SMTP_MAX_BYTES,
      maxClients: 100,
      authOptional: true,
      disabledCommands: ["AUTH", "STARTTLS"],
      logger: false,
      onRcptTo(address, session, callback) {
        if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) {
          callback(smtpError(452, "Too many recipients"));
          return;
        }
        channelFor(services, address.address).then(
          (row) =>
            callback(
              row ? null : smtpError(550, `No mailbox here by that name: ${address.address}`),
            ),
          (error: unknown) => {
            log.error({ err: error }, "recipient lookup failed");
            callback(smtpError(451, "Temporary failure, try again later"));
          },
        );
      },
      onData(stream, session, callback) {
        handleData(stream, session).then(
          () => callback(null, "Message accepted"),
          (error: unknown) => {
            stream.resume();
            if ((error as { responseCode?: number }).responseCode) {
              callback(error as Error);
              return;
            }
            log.error({ err: error }, "incoming mail could not be stored");
            callback(smtpError(451, "Temporary failure storing the message, try again later"));
          },
        );
      },
    });
    server.on("error", (error) => log.warn({ err: error }, "SMTP connection error"));

    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(services.env.RELAIS_SMTP_PORT, services.env.HOST, () => {
          server.off("error", reject);
          resolve();
        });
      });
    } catch (error) {
      // The web server and the other workers keep running; mail can still arrive by IMAP.
      log.error(
        { err: error, port: services.env.RELAIS_SMTP_PORT },
        "SMTP receiver could not listen",
      );
      return { stop: async () => {} };
    }
    const port = (server.server.address() as AddressInfo).port;
    boundPorts.set(services, port);
    log.info({ port }, "SMTP receiver listening");
    return {
      stop: () =>
        new Promise<void>((resolve) => {
          boundPorts.delete(services);
          server.close(() => resolve());
        }),
    };
  },
};
