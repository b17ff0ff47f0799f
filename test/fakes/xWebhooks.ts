import { createHmac } from "node:crypto";
import type { RecordedRequest } from "../support/fakeServer.ts";
import type { FakeAnswer, XFakeCredentials } from "./x.ts";

let counter = 1_870_000_000_000_000_000n;
function nextId(): string {
  counter += 1_000n + BigInt(Math.floor(Math.random() * 1000));
  return counter.toString();
}

function problem(status: number, title: string, detail: string): FakeAnswer {
  return { status, body: { title, detail, type: "about:blank", status } };
}

/**
 * The V2 Webhooks API and Account Activity subscriptions, as documented: `POST /oauth2/token`
 * (Basic consumer key:secret, client credentials) issues the app-only Bearer token that
 * `GET/POST /2/webhooks` and `PUT /2/webhooks/:id` require; creating or re-validating a webhook
 * sends the CRC (`GET <url>?crc_token=…`) and checks the `response_token`; subscriptions are
 * checked and created with OAuth 1.0a as the user. Failures answer X's `Invalid Request` body
 * with `errors[].message` "<Reason>: <details>".
 */
export class XWebhooksFake {
  readonly list: Array<{ id: string; url: string; valid: boolean; created_at: string }> = [];
  /** webhook id → subscribed user ids (access tokens of the fake's one user). */
  readonly subscribed = new Map<string, Set<string>>();
  private readonly tokens = new Set<string>();
  /** CRC checks made: the URL and whether the answer was right. */
  readonly crcChecks: Array<{ url: string; passed: boolean }> = [];

  constructor(private readonly credentials: XFakeCredentials) {}

  /** Adds a webhook as if registered earlier (`valid: false` after a failed hourly CRC). */
  seed(url: string, valid = true): string {
    const id = nextId();
    this.list.push({ id, url, valid, created_at: new Date().toISOString() });
    return id;
  }

  async appOnly(
    request: RecordedRequest,
    url: URL,
    failure: () => FakeAnswer | null,
  ): Promise<FakeAnswer | null> {
    if (url.pathname === "/oauth2/token" && request.method === "POST") return this.token(request);
    if (url.pathname !== "/2/webhooks" && !url.pathname.startsWith("/2/webhooks/")) return null;
    const bearer = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ""))?.[1];
    if (!bearer || !this.tokens.has(bearer)) return problem(401, "Unauthorized", "Unauthorized");
    const scripted = failure();
    if (scripted) return scripted;
    if (request.method === "GET" && url.pathname === "/2/webhooks") {
      return { status: 200, body: { data: this.list, meta: { result_count: this.list.length } } };
    }
    if (request.method === "POST" && url.pathname === "/2/webhooks") {
      const target = String(request.json?.url ?? "");
      if (!/^https?:\/\//.test(target)) {
        return invalidRequest("UrlValidationFailed: the callback URL is not valid.");
      }
      if (this.list.some((webhook) => webhook.url === target)) {
        return invalidRequest("DuplicateUrlFailed: a webhook is already registered for this URL.");
      }
      if (!(await this.crc(target))) {
        return invalidRequest("CrcValidationFailed: Invalid response_token.");
      }
      const id = nextId();
      const webhook = { id, url: target, valid: true, created_at: new Date().toISOString() };
      this.list.push(webhook);
      return { status: 200, body: { data: webhook } };
    }
    const put = /^\/2\/webhooks\/(\d+)$/.exec(url.pathname);
    if (request.method === "PUT" && put) {
      const webhook = this.list.find((candidate) => candidate.id === put[1]);
      if (!webhook) return invalidRequest("WebhookIdInvalid: no such webhook for this app.");
      webhook.valid = await this.crc(webhook.url);
      return { status: 200, body: { data: { valid: webhook.valid } } };
    }
    return problem(404, "Not Found Error", `Could not find ${url.pathname}.`);
  }

  /** `GET|POST /2/account_activity/webhooks/:id/subscriptions/all` (OAuth 1.0a, checked before). */
  subscriptions(request: RecordedRequest, url: URL): FakeAnswer | null {
    const match = /^\/2\/account_activity\/webhooks\/(\d+)\/subscriptions\/all$/.exec(url.pathname);
    if (!match) return null;
    if (!this.list.some((webhook) => webhook.id === match[1])) {
      return invalidRequest("WebhookIdInvalid: no such webhook for this app.");
    }
    const users = this.subscribed.get(match[1]!) ?? new Set<string>();
    this.subscribed.set(match[1]!, users);
    const user = this.credentials.accessToken;
    if (request.method === "GET")
      return { status: 200, body: { data: { subscribed: users.has(user) } } };
    if (users.has(user)) {
      return invalidRequest("DuplicateSubscriptionFailed: this user is already subscribed.");
    }
    users.add(user);
    return { status: 200, body: { data: { subscribed: true } } };
  }

  private token(request: RecordedRequest): FakeAnswer {
    const basic = /^Basic (.+)$/.exec(String(request.headers.authorization ?? ""))?.[1] ?? "";
    const expected = Buffer.from(
      `${this.credentials.consumerKey}:${this.credentials.consumerSecret}`,
    ).toString("base64");
    const form = new URLSearchParams(request.body);
    if (basic !== expected || form.get("grant_type") !== "client_credentials") {
      return {
        status: 403,
        body: {
          errors: [
            {
              code: 99,
              message: "Unable to verify your credentials",
              label: "authenticity_token_error",
            },
          ],
        },
      };
    }
    const token = `AAAAAAAAAAAAAAAAAAAAA${nextId()}`;
    this.tokens.add(token);
    return { status: 200, body: { token_type: "bearer", access_token: token } };
  }

  /** X's Challenge-Response Check against the URL being registered. */
  private async crc(target: string): Promise<boolean> {
    const token = `crc-${nextId()}`;
    const expected = `sha256=${createHmac("sha256", this.credentials.consumerSecret).update(token).digest("base64")}`;
    let passed = false;
    try {
      const response = await fetch(`${target}?crc_token=${encodeURIComponent(token)}`, {
        signal: AbortSignal.timeout(3000),
      });
      const body = (await response.json()) as { response_token?: string };
      passed = response.status === 200 && body.response_token === expected;
    } catch {
      passed = false;
    }
    this.crcChecks.push({ url: target, passed });
    return passed;
  }
}

/** X's 400 for a refused webhook or subscription request. */
export function invalidRequest(message: string): FakeAnswer {
  return {
    status: 400,
    body: {
      errors: [{ message }],
      title: "Invalid Request",
      detail: "One or more parameters to your request was invalid.",
      type: "https://api.twitter.com/2/problems/invalid-request",
    },
  };
}
