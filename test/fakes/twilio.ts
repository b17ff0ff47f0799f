import { createHmac, randomBytes } from "node:crypto";
import { type RecordedRequest, startFakeServer } from "../support/fakeServer.ts";

/**
 * Twilio's Voice API on loopback, as documented: `POST /2010-04-01/Accounts/{AccountSid}/Calls.json`
 * (form-encoded, HTTP basic auth with the account SID and auth token) answering 201 with the
 * Call resource, or Twilio's error body; plus builders for the signed, form-encoded callbacks
 * Twilio posts (call progress, recordings, incoming calls).
 */
export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
}

export function twilioCredentials(): TwilioCredentials {
  return {
    accountSid: `AC${randomBytes(16).toString("hex")}`,
    authToken: randomBytes(16).toString("hex"),
  };
}

export function callSid(): string {
  return `CA${randomBytes(16).toString("hex")}`;
}

export interface FakeCall {
  sid: string;
  form: URLSearchParams;
  request: RecordedRequest;
}

export async function startTwilioFake(credentials: TwilioCredentials) {
  const calls: FakeCall[] = [];
  let failNext: { status: number; code: number; message: string } | null = null;
  const fake = await startFakeServer((request) => {
    const expected = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString("base64")}`;
    if (request.headers.authorization !== expected) {
      return twilioError(401, 20003, "Authenticate");
    }
    const path = `/2010-04-01/Accounts/${credentials.accountSid}/Calls.json`;
    if (request.method !== "POST" || request.url !== path) {
      return twilioError(404, 20404, "The requested resource was not found");
    }
    if (failNext) {
      const failure = failNext;
      failNext = null;
      return twilioError(failure.status, failure.code, failure.message);
    }
    const form = new URLSearchParams(request.body);
    const sid = callSid();
    calls.push({ sid, form, request });
    const now = new Date().toUTCString().replace("GMT", "+0000");
    return {
      status: 201,
      body: {
        account_sid: credentials.accountSid,
        api_version: "2010-04-01",
        date_created: now,
        date_updated: now,
        direction: "outbound-api",
        duration: null,
        from: form.get("From"),
        from_formatted: form.get("From"),
        sid,
        status: "queued",
        to: form.get("To"),
        to_formatted: form.get("To"),
        uri: `/2010-04-01/Accounts/${credentials.accountSid}/Calls/${sid}.json`,
      },
    };
  });
  return {
    ...fake,
    calls,
    failNextWith(status: number, code: number, message: string) {
      failNext = { status, code, message };
    },
  };
}

function twilioError(status: number, code: number, message: string) {
  return {
    status,
    body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
  };
}

/** Twilio's signature: URL, then each POST parameter name and value sorted by name; HMAC-SHA1; base64. */
export function signTwilio(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((text, key) => text + key + params[key], url);
  return createHmac("sha1", authToken).update(Buffer.from(data, "utf8")).digest("base64");
}

/** The parameters of a call-progress status callback (CallbackSource=call-progress-events). */
export function callStatusParams(props: {
  accountSid: string;
  sid: string;
  status: string;
  from: string;
  to: string;
  direction?: string;
  duration?: number;
  sequence?: number;
  recordingUrl?: string;
}): Record<string, string> {
  const params: Record<string, string> = {
    AccountSid: props.accountSid,
    ApiVersion: "2010-04-01",
    CallSid: props.sid,
    CallStatus: props.status,
    CallbackSource: "call-progress-events",
    Called: props.to,
    Caller: props.from,
    Direction: props.direction ?? "outbound-api",
    From: props.from,
    SequenceNumber: String(props.sequence ?? 0),
    Timestamp: new Date().toUTCString().replace("GMT", "+0000"),
    To: props.to,
  };
  if (props.duration !== undefined) {
    params.CallDuration = String(props.duration);
    params.Duration = String(Math.ceil(props.duration / 60));
  }
  if (props.recordingUrl) {
    params.RecordingUrl = props.recordingUrl;
    params.RecordingSid = `RE${randomBytes(16).toString("hex")}`;
    params.RecordingDuration = String(props.duration ?? 0);
  }
  return params;
}

/** The voice webhook Twilio posts when someone calls the number. */
export function incomingCallParams(props: {
  accountSid: string;
  sid: string;
  from: string;
  to: string;
}) {
  return {
    AccountSid: props.accountSid,
    ApiVersion: "2010-04-01",
    CallSid: props.sid,
    CallStatus: "ringing",
    Called: props.to,
    Caller: props.from,
    Direction: "inbound",
    From: props.from,
    To: props.to,
  };
}

/** Posts a Twilio callback to Relais, signed for `signedUrl` (the URL Twilio was given). */
export async function postTwilio(
  url: string,
  authToken: string,
  params: Record<string, string>,
  options: { signedUrl?: string; signature?: string } = {},
) {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature":
        options.signature ?? signTwilio(authToken, options.signedUrl ?? url, params),
    },
    body: new URLSearchParams(params).toString(),
  });
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    text: await response.text(),
  };
}
