import { createHmac } from "node:crypto";
import { safeEqual } from "../../crypto/tokens.ts";
import { failureFromError, httpRequest, truncate } from "../http.ts";
import type { PhoneChannel } from "./config.ts";

/**
 * Twilio's Voice formats: the Calls REST resource (form-encoded, basic auth with the account
 * SID and auth token) and the signed, form-encoded status callbacks it posts back.
 */

export const TWILIO_SIGNATURE_HEADER = "x-twilio-signature";

/** Form parameters as Twilio posts them; a repeated key keeps all its values. */
export type TwilioParams = Record<string, string | string[]>;

export function parseForm(rawBody: Buffer): TwilioParams {
  const params: TwilioParams = {};
  for (const [key, value] of new URLSearchParams(rawBody.toString("utf8"))) {
    const previous = params[key];
    params[key] =
      previous === undefined
        ? value
        : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return params;
}

export function param(params: TwilioParams, key: string): string | undefined {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Twilio's documented algorithm: the full URL (with its query string), then every POST
 * parameter sorted by name, each name followed by its value (a repeated name by each of its
 * values, sorted), no separators; HMAC-SHA1 keyed with the auth token; base64.
 */
export function twilioSignature(authToken: string, url: string, params: TwilioParams): string {
  let data = url;
  for (const key of Object.keys(params).sort()) {
    const value = params[key] ?? "";
    const values = Array.isArray(value) ? [...new Set(value)].sort() : [value];
    for (const item of values) data += key + item;
  }
  return createHmac("sha1", authToken).update(Buffer.from(data, "utf8")).digest("base64");
}

/** Twilio may sign the URL with or without the scheme's default port: both are accepted. */
export function validTwilioSignature(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: TwilioParams,
): boolean {
  if (!signature) return false;
  const parsed = new URL(url);
  const withoutPort = new URL(url);
  withoutPort.port = "";
  const defaultPort = parsed.protocol === "https:" ? "443" : "80";
  const withPort = parsed.port
    ? parsed.toString()
    : `${parsed.protocol}//${parsed.host}:${defaultPort}${parsed.pathname}${parsed.search}`;
  return [withoutPort.toString(), withPort, url].some((candidate) =>
    safeEqual(twilioSignature(authToken, candidate, params), signature),
  );
}

export interface StartCallProps {
  to: string;
  twiml: string;
  statusCallback: string;
}

export type StartCallResult =
  | { ok: true; sid: string; status: string }
  | { ok: false; reason: string };

/** POST /2010-04-01/Accounts/{AccountSid}/Calls.json: Twilio dials `to` and runs the TwiML. */
export async function startTwilioCall(
  channel: PhoneChannel,
  props: StartCallProps,
  context: { timeoutMs: number; allowPrivateAddresses: boolean },
): Promise<StartCallResult> {
  const { config, secrets } = channel;
  const form = new URLSearchParams({
    To: props.to,
    From: config.from,
    Twiml: props.twiml,
    StatusCallback: props.statusCallback,
    StatusCallbackMethod: "POST",
    Timeout: String(config.ringSeconds),
  });
  for (const event of ["initiated", "ringing", "answered", "completed"]) {
    form.append("StatusCallbackEvent", event);
  }
  if (config.record) {
    form.set("Record", "true");
    form.set("RecordingStatusCallback", props.statusCallback);
    form.set("RecordingStatusCallbackEvent", "completed");
  }
  const base = config.apiUrl.replace(/\/$/, "");
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Calls.json`;
  const auth = Buffer.from(`${config.accountSid}:${secrets.authToken}`).toString("base64");
  try {
    const response = await httpRequest(
      url,
      {
        headers: {
          authorization: `Basic ${auth}`,
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
        },
        body: form.toString(),
        // `apiUrl` is admin-typed: its host is resolved at the call and refused when private.
        publicOnly: !context.allowPrivateAddresses,
      },
      context.timeoutMs,
    );
    let body: { sid?: string; status?: string; code?: number; message?: string } = {};
    try {
      body = JSON.parse(response.text);
    } catch {}
    if (response.status >= 200 && response.status < 300 && body.sid) {
      return { ok: true, sid: body.sid, status: body.status ?? "queued" };
    }
    const detail = body.message
      ? `${body.code ? `${body.code}: ` : ""}${body.message}`
      : truncate(response.text) || "no details";
    return { ok: false, reason: `Twilio answered ${response.status} (${detail}).` };
  } catch (error) {
    const failure = failureFromError(error);
    return { ok: false, reason: failure.ok ? "unknown" : failure.reason };
  }
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** What the customer hears when they pick up: a greeting, then the agents' line (if any). */
export function callbackTwiml(props: {
  greeting: string;
  language: "fr" | "en";
  connectTo: string | null | undefined;
  callerId: string;
  waiting: string;
}): string {
  const lang = props.language === "fr" ? "fr-FR" : "en-US";
  const then = props.connectTo
    ? `<Dial callerId="${escapeXml(props.callerId)}">${escapeXml(props.connectTo)}</Dial>`
    : `<Say language="${lang}">${escapeXml(props.waiting)}</Say><Pause length="30"/>`;
  return `<?xml version="1.0" encoding="UTF-8"?><Response><Say language="${lang}">${escapeXml(props.greeting)}</Say>${then}</Response>`;
}

/** The answer to Twilio's voice webhook for a call that comes in. */
export function inboundTwiml(props: {
  language: "fr" | "en";
  connectTo: string | null | undefined;
  message: string;
}): string {
  const lang = props.language === "fr" ? "fr-FR" : "en-US";
  const body = props.connectTo
    ? `<Dial>${escapeXml(props.connectTo)}</Dial>`
    : `<Say language="${lang}">${escapeXml(props.message)}</Say><Hangup/>`;
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;
}
