import { z } from "zod";
import type { ResolvedChannel } from "../provider.ts";

/** "https://shop.example" (scheme, host and port only) or "*" for any site. */
const ZOrigin = z
  .string()
  .trim()
  .transform((value, context) => {
    if (value === "*") return value;
    try {
      const url = new URL(value);
      if (url.protocol === "http:" || url.protocol === "https:") return url.origin;
    } catch {}
    context.addIssue({
      code: "custom",
      message: `"${value}" is not an origin (https://host[:port])`,
    });
    return z.NEVER;
  });

const ZOrigins = z.preprocess(
  (value) =>
    typeof value === "string"
      ? value
          .split(",")
          .map((part) => part.trim())
          .filter(Boolean)
      : value,
  z.array(ZOrigin).max(50),
);

const ZColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a #rrggbb colour");

export const ZChatConfig = z.object({
  /** Sites allowed to embed the widget (CORS and WebSocket Origin checks). */
  allowedOrigins: ZOrigins.default([]),
  /** The first words of the widget, per language. */
  greeting: z
    .object({ fr: z.string().max(500).nullish(), en: z.string().max(500).nullish() })
    .prefault({}),
  colors: z
    .object({ primary: ZColour.default("#1f5fd6"), text: ZColour.default("#ffffff") })
    .prefault({}),
  /** Offer "call me back" in the widget. */
  callbackEnabled: z.boolean().default(true),
  /** The team whose business hours bound the callback slots (else the first team with hours). */
  callbackTeamId: z.uuid().nullish(),
  /** Always shown in the widget: contact is never hidden. */
  contactEmail: z.email().max(320).nullish(),
  contactPhone: z.string().max(40).nullish(),
});

export const ZChatSecrets = z.object({
  /** Signs the host site's identity claims: hex HMAC-SHA256 of "<userId>:<email>". */
  secret: z.string().min(16),
});

export type ChatConfig = z.infer<typeof ZChatConfig>;
export type ChatSecrets = z.infer<typeof ZChatSecrets>;
export type ChatChannel = ResolvedChannel<ChatConfig, ChatSecrets>;

/** Same-origin pages (Relais' own) are always allowed; others only when listed. */
export function originAllowed(config: ChatConfig, origin: string, host: string | undefined) {
  if (config.allowedOrigins.includes("*")) return true;
  try {
    const url = new URL(origin);
    if (host && url.host === host) return true;
    return config.allowedOrigins.includes(url.origin);
  } catch {
    return false;
  }
}
