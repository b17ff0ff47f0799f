import type { SecretBox } from "../crypto/secrets.ts";
import { safeEqual } from "../crypto/tokens.ts";
import type { Env } from "../env.ts";

/** The purpose the download links' signatures are made for (their own derived key). */
const PURPOSE = "attachment-link";

export interface AttachmentLink {
  /** `/api/v1/attachments/<id>/download?account=…&expires=…&signature=…`, from the server root. */
  path: string;
  expiresAt: Date;
}

/** Makes a link to one attachment of one account, for whoever holds it, until it expires. */
export type AttachmentLinker = (accountId: string, attachmentId: string) => AttachmentLink;

function payload(accountId: string, attachmentId: string, expires: number): string {
  return `${accountId}:${attachmentId}:${expires}`;
}

/**
 * Signed, expiring download links: what a customer's side (the chat widget, the system behind
 * the API channel) uses to fetch a file an agent sent, without any Relais credential. A link
 * names one attachment of one account and its expiry; the signature covers all three, so
 * changing any of them voids it. Links are made only where the holder may see the file (the
 * visitor's own conversation in the widget, the webhook of the channel that carried it).
 */
export function attachmentLinker(
  services: { secrets: SecretBox; env: Pick<Env, "RELAIS_ATTACHMENT_LINK_SECONDS"> },
  now: () => number = Date.now,
): AttachmentLinker {
  return (accountId, attachmentId) => {
    const expires = Math.floor(now() / 1000) + services.env.RELAIS_ATTACHMENT_LINK_SECONDS;
    const signature = services.secrets.sign(PURPOSE, payload(accountId, attachmentId, expires));
    const query = new URLSearchParams({
      account: accountId,
      expires: String(expires),
      signature,
    });
    return {
      path: `/api/v1/attachments/${attachmentId}/download?${query}`,
      expiresAt: new Date(expires * 1000),
    };
  };
}

export type LinkCheck = "valid" | "expired" | "invalid";

/** Whether a link's signature is ours for this attachment, account and expiry, and still valid. */
export function checkAttachmentLink(
  secrets: SecretBox,
  link: { accountId: string; attachmentId: string; expires: number; signature: string },
  now = Date.now(),
): LinkCheck {
  const expected = secrets.sign(PURPOSE, payload(link.accountId, link.attachmentId, link.expires));
  if (!safeEqual(expected, link.signature)) return "invalid";
  return link.expires * 1000 < now ? "expired" : "valid";
}
