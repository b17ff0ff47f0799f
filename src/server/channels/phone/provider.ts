import { parsePhoneNumberFromString } from "libphonenumber-js";
import { badRequest, unauthorized } from "../../errors.ts";
import {
  type ChannelProvider,
  headerValue,
  type InboundItem,
  type InboundRequest,
} from "../provider.ts";
import {
  type PhoneChannel,
  type PhoneConfig,
  type PhoneSecrets,
  ZPhoneConfig,
  ZPhoneSecrets,
} from "./config.ts";
import {
  param,
  parseForm,
  TWILIO_SIGNATURE_HEADER,
  type TwilioParams,
  validTwilioSignature,
} from "./twilio.ts";

/**
 * The URL Twilio called, as it signed it: the channel's public URL when set (behind a proxy
 * that is the only reliable one), else the scheme and host the request arrived with.
 */
export function hookUrl(channel: PhoneChannel, request: InboundRequest): string {
  const forwardedProto = headerValue(request, "x-forwarded-proto")?.split(",")[0]?.trim();
  const host =
    headerValue(request, "x-forwarded-host") ?? headerValue(request, "host") ?? "localhost";
  const base = (channel.config.publicUrl ?? `${forwardedProto ?? "http"}://${host}`).replace(
    /\/$/,
    "",
  );
  const query = new URLSearchParams(
    Object.entries(request.query).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  ).toString();
  return `${base}/hooks/${channel.row.id}${query ? `?${query}` : ""}`;
}

export function statusCallbackUrl(channel: PhoneChannel, fallbackBase: string): string {
  return `${(channel.config.publicUrl ?? fallbackBase).replace(/\/$/, "")}/hooks/${channel.row.id}`;
}

export function twilioParams(request: InboundRequest): TwilioParams {
  const type = headerValue(request, "content-type") ?? "";
  if (!type.includes("application/x-www-form-urlencoded")) {
    throw badRequest("invalid_payload", "Twilio posts application/x-www-form-urlencoded bodies.");
  }
  return parseForm(request.rawBody);
}

/** A caller's number as E.164, or null when Twilio says it is hidden or unreadable. */
export function callerNumber(raw: string | undefined): string | null {
  if (!raw) return null;
  const parsed = parsePhoneNumberFromString(raw);
  return parsed?.isValid() ? parsed.number : null;
}

/** An incoming call (Twilio's voice webhook): the caller's first "message" in their conversation. */
export function inboundCallItem(params: TwilioParams, language: "fr" | "en"): InboundItem | null {
  const sid = param(params, "CallSid");
  const from = callerNumber(param(params, "From"));
  if (!sid || !from || param(params, "Direction") !== "inbound") return null;
  const to = param(params, "To") ?? "";
  return {
    type: "message",
    message: {
      externalId: `${sid}:inbound`,
      text: language === "fr" ? `📞 Appel entrant de ${from}` : `📞 Incoming call from ${from}`,
      visibility: "private",
      contact: {
        // Caller ID from the network: the number is taken as the caller's own.
        identity: { kind: "phone", value: from, verified: true },
        phone: from,
      },
      metadata: {
        call: {
          sid,
          status: param(params, "CallStatus") ?? "ringing",
          direction: "inbound",
          from,
          to,
        },
      },
    },
  };
}

/**
 * Phone (Twilio Voice). Calls are started by agents for callbacks (callbacks/callStarter.ts);
 * Twilio's signed callbacks at /hooks/<channel-id> report their progress and incoming calls,
 * and are logged in the conversation they belong to (routes/widget/callHooks.ts). Text replies
 * cannot go out on this channel: a phone conversation is answered by calling back.
 */
export const phoneProvider: ChannelProvider<PhoneConfig, PhoneSecrets> = {
  kind: "phone",
  identityKind: "phone",
  configSchema: ZPhoneConfig,
  secretsSchema: ZPhoneSecrets,
  idempotentSend: false,
  cliOptions: [
    {
      flag: "--account-sid <sid>",
      description: "Twilio account SID (AC…)",
      into: "config",
      key: "accountSid",
      required: true,
    },
    {
      flag: "--auth-token <token>",
      description: "Twilio auth token (kept encrypted)",
      into: "secrets",
      key: "authToken",
      required: true,
    },
    {
      flag: "--from <number>",
      description: "the Twilio number calls come from, E.164",
      into: "config",
      key: "from",
      required: true,
    },
    {
      flag: "--api-url <url>",
      description: "Twilio REST base URL (default https://api.twilio.com)",
      into: "config",
      key: "apiUrl",
    },
    {
      flag: "--public-url <url>",
      description: "this server's public URL as Twilio reaches it",
      into: "config",
      key: "publicUrl",
    },
    {
      flag: "--connect-to <number>",
      description: "the agents' line an answered callback is put through to",
      into: "config",
      key: "connectTo",
    },
  ],

  verify(channel, request) {
    const signature = headerValue(request, TWILIO_SIGNATURE_HEADER);
    if (!signature) throw unauthorized("Missing X-Twilio-Signature header.");
    const params = twilioParams(request);
    if (
      !validTwilioSignature(channel.secrets.authToken, signature, hookUrl(channel, request), params)
    ) {
      throw unauthorized("Bad X-Twilio-Signature.");
    }
    if (param(params, "AccountSid") !== channel.config.accountSid) {
      throw unauthorized("This callback is for another Twilio account.");
    }
  },

  parse(_channel, request) {
    const item = inboundCallItem(twilioParams(request), "en");
    return item && param(twilioParams(request), "CallStatus") === "ringing" ? [item] : [];
  },

  acknowledge() {
    return {
      status: 200,
      contentType: "text/xml",
      body: '<?xml version="1.0" encoding="UTF-8"?><Response/>',
    };
  },

  checkReply() {
    return "A phone conversation is answered by calling back: book a callback, or answer on another channel.";
  },

  async send() {
    return {
      ok: false,
      retryable: false,
      reason: "Text replies cannot be sent on a phone channel.",
    };
  },
};
