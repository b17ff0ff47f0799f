import { randomBytes } from "node:crypto";
import { hmacSha256Hex, safeEqual } from "../../crypto/tokens.ts";
import type { InboundContact } from "../provider.ts";

/** What the host page may say about its visitor; only a valid signature makes it verified. */
export interface IdentityClaim {
  userId?: string | null;
  email?: string | null;
  name?: string | null;
  signature?: string | null;
  locale?: string | null;
  timeZone?: string | null;
}

/** The host site signs "<userId>:<email>" with the channel secret (hex HMAC-SHA256). */
export function signIdentity(secret: string, userId: string, email: string): string {
  return hmacSha256Hex(secret, `${userId}:${email}`);
}

export function claimIsVerified(secret: string, claim: IdentityClaim): boolean {
  if (!claim.userId || !claim.email || !claim.signature) return false;
  const expected = signIdentity(secret, claim.userId, claim.email);
  return safeEqual(expected, claim.signature.trim().toLowerCase());
}

/** Verified visitors are known by the site's user id; anonymous ones by a random id. */
export function visitorIdentity(secret: string, claim: IdentityClaim): InboundContact {
  const verified = claimIsVerified(secret, claim);
  const value = verified
    ? `user:${claim.userId}`
    : `visitor:${randomBytes(16).toString("base64url")}`;
  return {
    identity: { kind: "chat", value, displayName: claim.name ?? null, verified },
    name: claim.name ?? null,
    // Unverified, the email only becomes the new contact's address (a hint): never a merge key.
    email: claim.email ?? null,
    locale: claim.locale ?? null,
    timeZone: claim.timeZone ?? null,
  };
}
