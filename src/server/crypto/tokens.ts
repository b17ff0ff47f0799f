import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Opaque credentials carry their account id, so they are looked up by a key that starts with
 * the account, like every other row: `<prefix>_<account uuid without dashes>_<secret>`.
 */
export interface ParsedToken {
  accountId: string;
  secretHash: string;
}

export function mintToken(prefix: string, accountId: string): { token: string; hash: string } {
  const secret = randomBytes(32).toString("base64url");
  return { token: `${prefix}_${accountId.replaceAll("-", "")}_${secret}`, hash: sha256(secret) };
}

export function parseToken(prefix: string, token: string): ParsedToken | null {
  const match = new RegExp(`^${prefix}_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$`).exec(token);
  if (!match?.[1] || !match[2]) return null;
  const hex = match[1];
  const accountId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { accountId, secretHash: sha256(match[2]) };
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function hmacSha256Hex(secret: string | Buffer, payload: string | Buffer): string {
  return createHmac("sha256", secret).update(payload).digest("hex");
}

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Constant-time comparison of two strings of any length. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
