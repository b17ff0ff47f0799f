import { z } from "zod";
import { hmacSha256Hex, safeEqual } from "../../crypto/tokens.ts";
import { badRequest, unauthorized } from "../../errors.ts";
import { type HookResponse, headerValue, type InboundRequest } from "../provider.ts";

export const SIGNATURE_HEADER = "x-hub-signature-256";

/** Meta ids arrive as strings, and as numbers in older payloads. */
export const ZMetaId = z.union([z.string().min(1), z.number()]).transform(String);

/**
 * The verification request Meta sends when a webhook is configured:
 * `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`. The challenge is echoed as
 * plain text only for the channel's own verify token; any other token gets 403.
 */
export function verifyTokenHandshake(
  verifyToken: string,
  request: InboundRequest,
): HookResponse | null {
  if (request.method !== "GET") return null;
  const mode = request.query["hub.mode"];
  const token = request.query["hub.verify_token"];
  const challenge = request.query["hub.challenge"];
  if (mode === undefined && token === undefined && challenge === undefined) return null;
  if (mode !== "subscribe" || !token || !safeEqual(token, verifyToken) || !challenge) {
    return { status: 403, body: "Forbidden", contentType: "text/plain; charset=utf-8" };
  }
  return { status: 200, body: challenge, contentType: "text/plain; charset=utf-8" };
}

/** `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body keyed with the app secret>`. */
export function signMetaPayload(appSecret: string, rawBody: string | Buffer): string {
  return `sha256=${hmacSha256Hex(appSecret, rawBody)}`;
}

export function verifyMetaSignature(appSecret: string, request: InboundRequest): void {
  const header = headerValue(request, SIGNATURE_HEADER);
  if (!header) throw unauthorized("Missing X-Hub-Signature-256 header.");
  const [scheme, given] = header.trim().split("=", 2);
  if (scheme !== "sha256" || !given) throw unauthorized("Malformed X-Hub-Signature-256 header.");
  const expected = hmacSha256Hex(appSecret, request.rawBody);
  if (!safeEqual(expected, given.toLowerCase())) throw unauthorized("Bad signature.");
}

const ZEnvelope = z.object({
  object: z.string(),
  entry: z.array(z.record(z.string(), z.unknown())),
});
export type MetaEnvelope = z.infer<typeof ZEnvelope>;

/** `{"object": …, "entry": [...]}`, the envelope of every Meta webhook. */
export function parseEnvelope(request: InboundRequest): MetaEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(request.rawBody.toString("utf8"));
  } catch {
    throw badRequest("invalid_json", "The body is not valid JSON.");
  }
  const envelope = ZEnvelope.safeParse(json);
  if (!envelope.success) {
    throw badRequest("invalid_payload", "Expected a Meta webhook: {object, entry: [...]}.");
  }
  return envelope.data;
}

/** Meta wants a quick 200; the body is not read. */
export function acknowledgeEvent(): HookResponse {
  return { status: 200, body: "EVENT_RECEIVED", contentType: "text/plain; charset=utf-8" };
}

/** Meta timestamps are Unix seconds in some places and milliseconds in others. */
export function metaDate(value: number | string | null | undefined): Date | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  const number = typeof value === "string" ? Number(value) : value;
  if (Number.isFinite(number)) return new Date(number < 1e12 ? number * 1000 : number);
  const parsed = Date.parse(String(value));
  return Number.isFinite(parsed) ? new Date(parsed) : undefined;
}

const EXTENSION_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  mp4: "video/mp4",
  mov: "video/quicktime",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  aac: "audio/aac",
  ogg: "audio/ogg",
  wav: "audio/wav",
  pdf: "application/pdf",
};

const KIND_TYPES: Record<string, string> = {
  image: "image/jpeg",
  video: "video/mp4",
  audio: "audio/mpeg",
  file: "application/octet-stream",
};

/** A file kept at Meta: its name and type guessed from the URL, else from its kind. */
export function remoteAttachment(kind: string, url: string) {
  let name = kind;
  try {
    name = decodeURIComponent(new URL(url).pathname.split("/").pop() || kind);
  } catch {}
  const extension = name.includes(".") ? name.split(".").pop()?.toLowerCase() : undefined;
  const contentType =
    (extension && EXTENSION_TYPES[extension]) ?? KIND_TYPES[kind] ?? "application/octet-stream";
  return { filename: name, contentType, url };
}
