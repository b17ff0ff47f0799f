import { createHmac } from "node:crypto";
import { safeEqual } from "../../crypto/tokens.ts";
import { unauthorized } from "../../errors.ts";

export const X_SIGNATURE_HEADER = "x-twitter-webhooks-signature";

/** `sha256=<base64 HMAC-SHA256 of the payload, keyed with the app's consumer secret>`. */
export function xHmac(consumerSecret: string, payload: string | Buffer): string {
  return `sha256=${createHmac("sha256", consumerSecret).update(payload).digest("base64")}`;
}

/** The Challenge-Response Check: X's GET `?crc_token=…` answered within three seconds. */
export function crcResponse(consumerSecret: string, crcToken: string) {
  return { response_token: xHmac(consumerSecret, crcToken) };
}

/** Every POST from X carries the HMAC of its raw body; anything else is refused. */
export function verifyXSignature(
  consumerSecret: string,
  header: string | undefined,
  rawBody: Buffer,
): void {
  if (!header) throw unauthorized("Missing X-Twitter-Webhooks-Signature header.");
  if (!safeEqual(xHmac(consumerSecret, rawBody), header.trim())) {
    throw unauthorized("Bad X-Twitter-Webhooks-Signature.");
  }
}
