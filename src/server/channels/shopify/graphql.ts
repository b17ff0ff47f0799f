import type { Env } from "../../env.ts";
import { httpRequest, retryAfterMs, truncate } from "../http.ts";
import { PrivateAddressRefused } from "../outboundGuard.ts";
import { SHOPIFY_API_VERSION, type ShopifyChannel } from "./config.ts";

export type ShopifyFailure = "throttled" | "unauthorized" | "retryable" | "refused";

/** A call Shopify did not answer with data: what to do next is in `failure`. */
export class ShopifyError extends Error {
  constructor(
    message: string,
    readonly failure: ShopifyFailure,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "ShopifyError";
  }
}

interface GraphqlBody<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }> | string;
  extensions?: {
    cost?: {
      requestedQueryCost?: number;
      throttleStatus?: { currentlyAvailable?: number; restoreRate?: number };
    };
  };
}

/** How long until the bucket holds the query's cost again (at least a second). */
function throttleWaitMs(body: GraphqlBody<unknown>): number {
  const cost = body.extensions?.cost;
  const needed = (cost?.requestedQueryCost ?? 0) - (cost?.throttleStatus?.currentlyAvailable ?? 0);
  const rate = cost?.throttleStatus?.restoreRate ?? 0;
  if (needed <= 0 || rate <= 0) return 1000;
  return Math.max(1000, Math.ceil((needed / rate) * 1000));
}

function parseBody<T>(text: string): GraphqlBody<T> {
  try {
    return JSON.parse(text) as GraphqlBody<T>;
  } catch {
    return { errors: truncate(text) || "no body" };
  }
}

/** How the installation lets Relais call a shop: the timeout, and whether private addresses may be. */
export interface ShopifyHttp {
  timeoutMs: number;
  allowPrivateAddresses: boolean;
}

export const shopifyHttp = (env: Env): ShopifyHttp => ({
  timeoutMs: env.RELAIS_HTTP_TIMEOUT_MS,
  allowPrivateAddresses: env.RELAIS_OUTBOUND_ALLOW_PRIVATE,
});

const messages = (errors: GraphqlBody<unknown>["errors"]) =>
  typeof errors === "string" ? errors : (errors ?? []).map((error) => error.message).join("; ");

/**
 * One GraphQL Admin API call to the channel's shop, through the providers' HTTP helper (a
 * timeout on every call, no redirects). Throttling (`THROTTLED`, or 429) says how long to wait
 * from the query's cost and the bucket's restore rate; 401 and 403 mean the token is wrong.
 * The shop's URL is one an admin typed: unless the installation allows private addresses, its
 * host is resolved as the call connects and a private one refused (outboundGuard.ts).
 */
export async function shopifyGraphql<T>(
  channel: ShopifyChannel,
  query: string,
  variables: Record<string, unknown>,
  http: ShopifyHttp,
): Promise<T> {
  const url = `${channel.config.shopUrl}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`;
  let response: Awaited<ReturnType<typeof httpRequest>>;
  try {
    response = await httpRequest(
      url,
      {
        headers: {
          "content-type": "application/json",
          "x-shopify-access-token": channel.secrets.accessToken,
        },
        body: JSON.stringify({ query, variables }),
        publicOnly: !http.allowPrivateAddresses,
      },
      http.timeoutMs,
    );
  } catch (error) {
    if (error instanceof PrivateAddressRefused) throw new ShopifyError(error.message, "refused");
    const cause = error instanceof Error ? (error.cause ?? error) : error;
    throw new ShopifyError(`Shopify could not be reached: ${String(cause)}`, "retryable");
  }
  const body = parseBody<T>(response.text);
  if (response.status === 401 || response.status === 403) {
    throw new ShopifyError(
      `Shopify refused the access token (${response.status}): ${messages(body.errors)}`,
      "unauthorized",
    );
  }
  const throttled =
    response.status === 429 ||
    (Array.isArray(body.errors) &&
      body.errors.some((error) => error.extensions?.code === "THROTTLED"));
  if (throttled) {
    throw new ShopifyError(
      "Shopify is throttling this app.",
      "throttled",
      retryAfterMs(response.headers) ?? throttleWaitMs(body),
    );
  }
  if (response.status >= 500) {
    throw new ShopifyError(`Shopify answered ${response.status}.`, "retryable");
  }
  if (response.status >= 400 || body.errors || !body.data) {
    throw new ShopifyError(
      `Shopify answered ${response.status}: ${messages(body.errors) || "no data"}`,
      "refused",
    );
  }
  return body.data;
}

/** A mutation's `userErrors`, as one sentence, or null when there are none. */
export function userErrorsOf(errors: Array<{ field?: string[] | null; message: string }>) {
  if (errors.length === 0) return null;
  return errors
    .map((error) => (error.field?.length ? `${error.field.join(".")}: ` : "") + error.message)
    .join("; ");
}
