import { type RecordedRequest, startFakeServer } from "../support/fakeServer.ts";

/**
 * The Shopify GraphQL Admin API on loopback (`POST /admin/api/<version>/graphql.json`), with its
 * documented shapes: connections with `pageInfo { hasNextPage endCursor }`, `extensions.cost`
 * on every answer, `THROTTLED` errors with the bucket's figures, 401 for a wrong token,
 * `userErrors` on mutations, and `@idempotent(key:)` honoured by `refundCreate` (required from
 * 2026-04), and the app's webhook subscriptions (`webhookSubscriptions(topics:)`,
 * `webhookSubscriptionCreate(topic:, webhookSubscription: {uri, format})`, which refuses a second
 * subscription of a topic to the same address as Shopify does). Tests fill the shop and script
 * failures.
 */
export interface ShopifyFakeOptions {
  accessToken: string;
  version?: string;
}

export interface FakeTransaction {
  id: string;
  kind: "SALE" | "CAPTURE" | "AUTHORIZATION" | "REFUND";
  status: "SUCCESS" | "FAILURE" | "PENDING";
  gateway: string;
  amount: string;
}

export interface FakeOrder {
  /** The GraphQL node as the sync reads it (see channels/shopify/queries.ts ORDERS_QUERY). */
  node: Record<string, unknown> & { id: string };
  transactions: FakeTransaction[];
}

export interface FakeRefund {
  id: string;
  key: string;
  input: any;
}

export interface FakeDraftOrder {
  id: string;
  name: string;
  tags: string[];
  input: any;
}

export interface FakeWebhookSubscription {
  id: string;
  topic: string;
  uri: string;
  format: string;
}

type Script = "throttle" | "lose-answer" | "server-error";

const cost = (requested = 52, available = 1948) => ({
  cost: {
    requestedQueryCost: requested,
    actualQueryCost: available < requested ? null : requested,
    throttleStatus: { maximumAvailable: 2000, currentlyAvailable: available, restoreRate: 100 },
  },
});

const cursorOf = (index: number) => Buffer.from(`cursor:${index}`).toString("base64");
const indexOf = (cursor: unknown) =>
  typeof cursor === "string" ? Number(Buffer.from(cursor, "base64").toString().split(":")[1]) : -1;

function page<T>(items: T[], variables: any) {
  const start = indexOf(variables?.after) + 1;
  const first = Number(variables?.first ?? 50);
  const nodes = items.slice(start, start + first);
  const last = start + nodes.length - 1;
  return {
    pageInfo: {
      hasNextPage: last < items.length - 1,
      endCursor: nodes.length ? cursorOf(last) : null,
    },
    nodes,
  };
}

export async function startShopifyFake(options: ShopifyFakeOptions) {
  const version = options.version ?? "2026-04";
  const shop = {
    currencyCode: "EUR",
    customers: [] as Array<Record<string, unknown>>,
    variants: [] as Array<Record<string, unknown>>,
    orders: [] as FakeOrder[],
    refunds: [] as FakeRefund[],
    draftOrders: [] as FakeDraftOrder[],
    webhooks: [] as FakeWebhookSubscription[],
  };
  /** Failures to answer with, in order, for operations whose root field matches. */
  const scripts: Array<{ field: string; script: Script }> = [];
  let ids = 1000;

  const data = (body: unknown, requested?: number) => ({
    body: { data: body, extensions: cost(requested) },
  });
  const userError = (root: string, field: string[], message: string) =>
    data({
      [root]: {
        [root === "refundCreate" ? "refund" : "draftOrder"]: null,
        userErrors: [{ field, message }],
      },
    });

  function refundCreate(request: RecordedRequest): { refund: FakeRefund } | { body: unknown } {
    const key = /@idempotent\(key:\s*"([^"]+)"\)/.exec(request.json.query)?.[1];
    if (!key) {
      return {
        body: {
          errors: [
            {
              message: "The @idempotent directive is required for this mutation.",
              extensions: { code: "BAD_REQUEST" },
            },
          ],
        },
      };
    }
    const replay = shop.refunds.find((refund) => refund.key === key);
    if (replay) return { refund: replay };
    const input = request.json.variables.input;
    const order = shop.orders.find((entry) => entry.node.id === input.orderId);
    if (!order) return userError("refundCreate", ["orderId"], "Order does not exist");
    const transaction = input.transactions?.[0];
    const parent = order.transactions.find((entry) => entry.id === transaction?.parentId);
    if (parent?.status !== "SUCCESS") {
      return userError(
        "refundCreate",
        ["transactions", "0", "parentId"],
        "Parent transaction is invalid",
      );
    }
    const refunded = shop.refunds
      .filter((refund) => refund.input.orderId === input.orderId)
      .reduce((sum, refund) => sum + Number(refund.input.transactions[0].amount), 0);
    if (refunded + Number(transaction.amount) > Number(parent.amount)) {
      return userError(
        "refundCreate",
        ["transactions", "0", "amount"],
        "Amount cannot be greater than the refundable amount",
      );
    }
    const refund = { id: `gid://shopify/Refund/${ids++}`, key, input };
    shop.refunds.push(refund);
    return { refund };
  }

  function draftOrderCreate(
    request: RecordedRequest,
  ): { draft: FakeDraftOrder } | { body: unknown } {
    const input = request.json.variables.input;
    if (!Array.isArray(input.lineItems) || input.lineItems.length === 0) {
      return userError("draftOrderCreate", ["lineItems"], "Add at least 1 product");
    }
    const draft = {
      id: `gid://shopify/DraftOrder/${ids++}`,
      name: `#D${shop.draftOrders.length + 1}`,
      tags: input.tags ?? [],
      input,
    };
    shop.draftOrders.push(draft);
    return { draft };
  }

  const fake = await startFakeServer((request) => {
    if (request.method !== "POST" || request.url !== `/admin/api/${version}/graphql.json`) {
      return { status: 404, body: { errors: "Not Found" } };
    }
    if (request.headers["x-shopify-access-token"] !== options.accessToken) {
      return {
        status: 401,
        body: {
          errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
        },
      };
    }
    const query: string = request.json?.query ?? "";
    const variables = request.json?.variables ?? {};
    const field = /\{\s*(\w+)/.exec(query)?.[1] ?? "";
    const scripted = scripts.findIndex((entry) => entry.field === field || entry.field === "*");
    const script = scripted >= 0 ? scripts.splice(scripted, 1)[0]?.script : undefined;
    if (script === "throttle") {
      return {
        body: {
          errors: [
            {
              message: "Throttled",
              extensions: {
                code: "THROTTLED",
                documentation: "https://shopify.dev/api/usage/rate-limits",
              },
            },
          ],
          extensions: cost(152, 2),
        },
      };
    }
    if (script === "server-error") return { status: 503, body: { errors: "Service Unavailable" } };
    const lost = script === "lose-answer";
    const answer = (() => {
      switch (field) {
        case "shop":
          return data({ shop: { currencyCode: shop.currencyCode } });
        case "customers":
          return data({ customers: page(shop.customers, variables) });
        case "productVariants":
          return data({ productVariants: page(shop.variants, variables) });
        case "orders":
          return data({
            orders: page(
              shop.orders.map((order) => order.node),
              variables,
            ),
          });
        case "order": {
          const order = shop.orders.find((entry) => entry.node.id === variables.id);
          return data({
            order: order
              ? {
                  id: order.node.id,
                  transactions: order.transactions.map(({ amount: _amount, ...rest }) => rest),
                }
              : null,
          });
        }
        case "refundCreate": {
          const outcome = refundCreate(request);
          if (!("refund" in outcome)) return outcome;
          return data({ refundCreate: { refund: { id: outcome.refund.id }, userErrors: [] } }, 10);
        }
        case "draftOrders": {
          const tag = /tag:'([^']+)'/.exec(String(variables.query))?.[1];
          const found = shop.draftOrders.filter((draft) => tag && draft.tags.includes(tag));
          return data({
            draftOrders: { nodes: found.slice(0, 1).map(({ id, name }) => ({ id, name })) },
          });
        }
        case "draftOrderCreate": {
          const outcome = draftOrderCreate(request);
          if (!("draft" in outcome)) return outcome;
          const { id, name } = outcome.draft;
          return data({ draftOrderCreate: { draftOrder: { id, name }, userErrors: [] } }, 10);
        }
        case "webhookSubscriptions": {
          const topics: string[] | undefined = variables.topics ?? undefined;
          const nodes = shop.webhooks
            .filter((hook) => !topics || topics.includes(hook.topic))
            .slice(0, Number(/first:\s*(\d+)/.exec(query)?.[1] ?? 50))
            .map(({ id, topic, uri }) => ({ id, topic, uri }));
          return data({ webhookSubscriptions: { nodes } });
        }
        case "webhookSubscriptionCreate": {
          const { topic } = variables;
          const uri = variables.webhookSubscription?.uri;
          const fail = (field: string[], message: string) =>
            data({
              webhookSubscriptionCreate: {
                webhookSubscription: null,
                userErrors: [{ field, message }],
              },
            });
          if (typeof uri !== "string" || !uri) {
            return fail(["webhookSubscription", "uri"], "Address can't be blank");
          }
          if (shop.webhooks.some((hook) => hook.topic === topic && hook.uri === uri)) {
            return fail(
              ["webhookSubscription", "uri"],
              "Address for this topic has already been taken",
            );
          }
          const hook = {
            id: `gid://shopify/WebhookSubscription/${ids++}`,
            topic,
            uri,
            format: variables.webhookSubscription.format ?? "JSON",
          };
          shop.webhooks.push(hook);
          const { format: _format, ...created } = hook;
          return data(
            { webhookSubscriptionCreate: { webhookSubscription: created, userErrors: [] } },
            10,
          );
        }
        default:
          return {
            body: {
              errors: [
                {
                  message: `Field '${field}' doesn't exist on type 'QueryRoot'`,
                  extensions: { code: "undefinedField" },
                },
              ],
            },
          };
      }
    })();
    // The work is done, but the answer never arrives (a dropped connection, a timeout).
    if (lost) return { status: 502, body: { errors: "Bad Gateway" } };
    return answer;
  });

  return {
    url: fake.url,
    requests: fake.requests,
    shop,
    /** The next call whose root field is `field` ("*": any) fails as scripted. */
    script(field: string, script: Script) {
      scripts.push({ field, script });
    },
    close: fake.close,
  };
}
