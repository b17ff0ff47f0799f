import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface RelayedMail {
  from: string;
  to: string[];
  raw: Buffer;
  mail: ParsedMail;
  user: string | null;
}

/** What the relay answers to the n-th MAIL FROM (0-based): null to accept. */
export type RelayScript = (attempt: number) => { code: number; message: string } | null;

/**
 * A real SMTP server on loopback standing in for the channel's relay: requires the
 * credentials of the URL Relais was given, records every message, and answers as scripted.
 */
export async function startRelay(options: { user: string; pass: string; script?: RelayScript }) {
  const received: RelayedMail[] = [];
  let attempts = 0;
  let script: RelayScript = options.script ?? (() => null);
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(Object.assign(new Error("Invalid credentials"), { responseCode: 535 }));
      }
    },
    onMailFrom(_address, _session, callback) {
      const answer = script(attempts);
      attempts += 1;
      callback(
        answer ? Object.assign(new Error(answer.message), { responseCode: answer.code }) : null,
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks);
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
          mail: await simpleParser(raw),
          user: typeof session.user === "string" ? session.user : null,
        });
        callback(null, "Queued as TEST1234");
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${encodeURIComponent(options.user)}:${encodeURIComponent(options.pass)}@127.0.0.1:${port}`,
    received,
    attempts: () => attempts,
    script(next: RelayScript) {
      script = next;
      attempts = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
