import { hmacSha256Hex, safeEqual } from "../../crypto/tokens.ts";
import { unauthorized } from "../../errors.ts";

export const SIGNATURE_HEADER = "x-relais-signature";
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export function signPayload(secret: string, rawBody: string | Buffer, at = new Date()): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  const body = typeof rawBody === "string" ? rawBody : rawBody.toString("utf8");
  return `t=${timestamp},v1=${hmacSha256Hex(secret, `${timestamp}.${body}`)}`;
}

export function verifySignature(
  secret: string,
  header: string | undefined,
  rawBody: Buffer,
  now = new Date(),
): void {
  if (!header) throw unauthorized("Missing X-Relais-Signature header.");
  const parts = new Map(
    header.split(",").map((part) => {
      const [key, ...rest] = part.trim().split("=");
      return [key ?? "", rest.join("=")] as const;
    }),
  );
  const timestamp = Number(parts.get("t"));
  const given = parts.get("v1");
  if (!Number.isInteger(timestamp) || !given) throw unauthorized("Malformed X-Relais-Signature.");
  if (Math.abs(now.getTime() / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) {
    throw unauthorized("Signature timestamp is too old or in the future.");
  }
  const payload = Buffer.concat([Buffer.from(`${timestamp}.`), rawBody]);
  if (!safeEqual(hmacSha256Hex(secret, payload), given)) throw unauthorized("Bad signature.");
}
