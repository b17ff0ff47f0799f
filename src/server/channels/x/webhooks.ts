import { z } from "zod";
import { unprocessable } from "../../errors.ts";
import { type HttpResponse, httpRequest } from "../http.ts";
import type { WebhookRegistration } from "../webhookRegistration.ts";
import { type XClient, xErrorReason, xRequest } from "./api.ts";
import { percentEncode } from "./oauth.ts";

/**
 * X's Account Activity API set up without manual steps (X API v2, docs.x.com "V2 Webhooks API"
 * and "Account Activity API" quickstarts):
 * 1. an app-only Bearer token from the app's consumer key and secret (`POST /oauth2/token`,
 *    client credentials), which the webhook endpoints require;
 * 2. `GET /2/webhooks`: the app's webhooks; one with Relais's URL is reused, and re-validated
 *    with `PUT /2/webhooks/:webhook_id` (a new CRC) when X marked it invalid;
 * 3. otherwise `POST /2/webhooks {"url"}`: X sends the CRC to the URL before it answers;
 * 4. `GET`, then if needed `POST /2/account_activity/webhooks/:webhook_id/subscriptions/all`,
 *    signed with OAuth 1.0a as the brand account: its activity is delivered to the webhook.
 */

const ZToken = z.object({ token_type: z.string(), access_token: z.string().min(1) });
const ZWebhook = z.object({
  id: z.string(),
  url: z.string(),
  valid: z.boolean().optional(),
});
const ZWebhookList = z.object({ data: z.array(ZWebhook).nullish() });
const ZWebhookCreated = z.object({ data: ZWebhook });
const ZValidated = z.object({ data: z.object({ valid: z.boolean().optional() }).nullish() });
const ZSubscribed = z.object({ data: z.object({ subscribed: z.boolean() }) });

function parse<T>(schema: z.ZodType<T>, response: HttpResponse): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(response.text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const ok = (response: HttpResponse) => response.status >= 200 && response.status < 300;

function refused(step: string, response: HttpResponse) {
  return unprocessable(
    "webhook_registration_failed",
    `X refused to ${step}. ${xErrorReason(response)}`,
  );
}

/** A call that may fail before any answer: X's own words, or why it could not be reached. */
async function call(step: string, request: () => Promise<HttpResponse>): Promise<HttpResponse> {
  try {
    return await request();
  } catch (error) {
    const cause = error instanceof Error ? (error.cause ?? error) : error;
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw unprocessable(
      "webhook_registration_failed",
      `X could not be reached to ${step}: ${detail}`,
    );
  }
}

/** The app-only Bearer token: `Basic base64(key:secret)`, `grant_type=client_credentials`. */
async function appBearerToken(client: XClient): Promise<string> {
  const { consumerKey, consumerSecret } = client.credentials;
  const basic = Buffer.from(`${percentEncode(consumerKey)}:${percentEncode(consumerSecret)}`);
  const response = await call("issue an app-only Bearer token", () =>
    httpRequest(
      `${client.apiUrl.replace(/\/$/, "")}/oauth2/token`,
      {
        method: "POST",
        headers: {
          authorization: `Basic ${basic.toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded;charset=UTF-8",
        },
        body: "grant_type=client_credentials",
        publicOnly: client.publicOnly,
      },
      client.timeoutMs,
    ),
  );
  const token = ok(response) ? parse(ZToken, response) : null;
  const bearer = token?.token_type.toLowerCase() === "bearer" ? token.access_token : null;
  if (!bearer) {
    throw refused("issue an app-only Bearer token (check the API key and secret)", response);
  }
  return bearer;
}

function bearerRequest(
  client: XClient,
  token: string,
  method: "GET" | "POST" | "PUT",
  path: string,
  json?: unknown,
) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (json !== undefined) headers["content-type"] = "application/json";
  return httpRequest(
    `${client.apiUrl.replace(/\/$/, "")}${path}`,
    {
      method,
      headers,
      body: json === undefined ? undefined : JSON.stringify(json),
      publicOnly: client.publicOnly,
    },
    client.timeoutMs,
  );
}

/** The app's webhook for `url`: found (re-validated if X marked it invalid) or created. */
async function ensureWebhook(client: XClient, token: string, url: string, knownId?: string | null) {
  const listed = await call("list the app's webhooks", () =>
    bearerRequest(client, token, "GET", "/2/webhooks"),
  );
  const list = ok(listed) ? parse(ZWebhookList, listed) : null;
  if (!list) throw refused("list the app's webhooks", listed);
  const webhooks = (list.data ?? []).filter((webhook) => webhook.url === url);
  const found = webhooks.find((webhook) => webhook.id === knownId) ?? webhooks[0];
  if (found) {
    if (found.valid === false) {
      const path = `/2/webhooks/${encodeURIComponent(found.id)}`;
      const checked = await call("validate the webhook again", () =>
        bearerRequest(client, token, "PUT", path),
      );
      if (!ok(checked) || parse(ZValidated, checked)?.data?.valid === false) {
        throw refused("validate the webhook again (its CRC check failed)", checked);
      }
    }
    return { id: found.id, reused: true };
  }
  const created = await call("register the webhook", () =>
    bearerRequest(client, token, "POST", "/2/webhooks", { url }),
  );
  const webhook = ok(created) ? parse(ZWebhookCreated, created) : null;
  if (!webhook) throw refused("register the webhook", created);
  return { id: webhook.data.id, reused: false };
}

/** Subscribes the brand account (the OAuth 1.0a user) to the webhook, unless it already is. */
async function ensureSubscription(client: XClient, webhookId: string): Promise<boolean> {
  const path = `/2/account_activity/webhooks/${encodeURIComponent(webhookId)}/subscriptions/all`;
  const current = await call("check the account's subscription", () =>
    xRequest(client, "GET", path),
  );
  if (ok(current) && parse(ZSubscribed, current)?.data.subscribed === true) return false;
  const subscribed = await call("subscribe the account to the webhook", () =>
    xRequest(client, "POST", path),
  );
  if (ok(subscribed)) return true;
  // Subscribed in the meantime (another registration): the goal is reached.
  if (xErrorReason(subscribed).includes("DuplicateSubscriptionFailed")) return false;
  throw refused("subscribe the account to the webhook", subscribed);
}

/**
 * Registers `url` for the channel's X app and subscribes its account, reusing whatever is
 * already there: calling it again changes nothing at X.
 */
export async function registerXWebhook(
  client: XClient,
  url: string,
  knownId?: string | null,
): Promise<WebhookRegistration> {
  const token = await appBearerToken(client);
  const webhook = await ensureWebhook(client, token, url, knownId);
  const subscribed = await ensureSubscription(client, webhook.id);
  return { webhookId: webhook.id, reused: webhook.reused, subscribed, url };
}
