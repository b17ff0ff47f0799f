import type { ParsedMail } from "mailparser";

/** Set on every mail Relais sends, so that one Relais never answers another (or itself). */
export const LOOP_HEADER = "x-relais-loop";

/**
 * Why a mail must not open a conversation or get an answer: an automatic reply, a bounce, a
 * list or bulk mailing, or mail Relais sent itself. Null for mail a person wrote.
 * (RFC 3834 Auto-Submitted, the de-facto X-Autoreply/X-Autorespond and Precedence headers,
 * RFC 3464 delivery reports, RFC 5321 null reverse-path.)
 */
export function automatedReason(
  mail: ParsedMail,
  options: {
    channelAddress: string;
    envelopeSender?: string | null;
    /** The sender as read from the headers (encoded words included), when found. */
    from?: string | null;
  },
): string | null {
  const header = (name: string) => headerText(mail, name)?.toLowerCase() ?? null;
  if (header(LOOP_HEADER)) return "sent by Relais";
  const from = options.from ?? mail.from?.value[0]?.address?.toLowerCase();
  const own = options.channelAddress.toLowerCase();
  const [ownLocal, ownDomain] = own.split("@");
  if (from && (from === own || (from.startsWith(`${ownLocal}+`) && from.endsWith(`@${ownDomain}`))))
    return "sent from the channel's own address";
  if (isDeliveryReport(mail)) return "delivery report";
  const autoSubmitted = header("auto-submitted");
  if (autoSubmitted && autoSubmitted !== "no") return `Auto-Submitted: ${autoSubmitted}`;
  if (header("x-autoreply") || header("x-autorespond") || header("x-autoresponder"))
    return "automatic reply";
  const precedence = header("precedence");
  if (precedence && ["bulk", "junk", "list", "auto_reply", "auto-reply"].includes(precedence))
    return `Precedence: ${precedence}`;
  if (
    header("x-auto-response-suppress") &&
    /^(auto|automatic|out of office)/i.test(mail.subject ?? "")
  )
    return "automatic reply";
  const returnPath = mail.headerLines.find((line) => line.key === "return-path")?.line ?? "";
  if (options.envelopeSender === "" || /:\s*<>\s*$/.test(returnPath))
    return "null sender (bounce or automatic notification)";
  if (from && /^(mailer-daemon|postmaster)@/.test(from)) return "mail system notification";
  return null;
}

export function headerText(mail: ParsedMail, name: string): string | null {
  const value = mail.headers.get(name.toLowerCase());
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value.trim();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(String).join(", ");
  if (typeof value === "object" && "value" in value) return String(value.value).trim();
  return String(value);
}

function isDeliveryReport(mail: ParsedMail): boolean {
  const type = mail.headers.get("content-type");
  const report =
    typeof type === "object" && type !== null && "value" in type
      ? { value: String(type.value), params: (type as { params?: Record<string, string> }).params }
      : null;
  return (
    report?.value.toLowerCase() === "multipart/report" &&
    /delivery-status/i.test(report.params?.["report-type"] ?? "delivery-status")
  );
}

export interface Bounce {
  /** The Message-ID of the mail that could not be delivered, as Relais stored it. */
  messageId: string;
  reason: string;
}

/**
 * A delivery status notification (RFC 3464) that reports a permanent failure, with the
 * Message-ID of the returned mail (from its returned headers or message) and the remote
 * server's diagnostic. Null when it is not one, reports only a delay, or names no message.
 */
export function readBounce(mail: ParsedMail): Bounce | null {
  if (!isDeliveryReport(mail)) return null;
  const status = mail.attachments.find((part) =>
    /^message\/(global-)?delivery-status$/i.test(part.contentType),
  );
  const returned = mail.attachments.find((part) =>
    /^(text\/rfc822-headers|message\/rfc822|message\/global(-headers)?)$/i.test(part.contentType),
  );
  if (!status || !returned) return null;
  const fields = unfold(status.content.toString("utf8"));
  const actions = fields.filter(([name]) => name === "action").map(([, value]) => value);
  if (!actions.some((action) => action.toLowerCase() === "failed")) return null;
  const headers = unfold(returned.content.toString("utf8").split(/\r?\n\r?\n/)[0] ?? "");
  const messageId = headers.find(([name]) => name === "message-id")?.[1];
  if (!messageId) return null;
  const diagnostic = fields.find(([name]) => name === "diagnostic-code")?.[1];
  const code = fields.find(([name]) => name === "status")?.[1];
  const recipient = fields.find(([name]) => name === "final-recipient")?.[1];
  const reason =
    diagnostic?.replace(/^smtp;\s*/i, "") ??
    `Delivery failed${code ? ` (status ${code})` : ""}${recipient ? ` for ${recipient.replace(/^rfc822;\s*/i, "")}` : ""}`;
  return { messageId: messageId.trim(), reason: `Bounced: ${reason}` };
}

/** Header-style fields, continuation lines unfolded, names lower-cased. */
function unfold(block: string): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  for (const line of block.split(/\r?\n/)) {
    const last = fields.at(-1);
    if (/^\s/.test(line) && last) {
      last[1] = `${last[1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon > 0)
      fields.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return fields;
}
