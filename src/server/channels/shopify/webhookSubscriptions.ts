import { unprocessable } from "../../errors.ts";
import type { WebhookRegistration } from "../webhookRegistration.ts";
import type { ShopifyChannel } from "./config.ts";
import { ShopifyError, shopifyGraphql, userErrorsOf } from "./graphql.ts";

/** The topics Relais reads (webhook.ts), as the GraphQL Admin API names them. */
export const SHOPIFY_WEBHOOK_TOPICS = [
  "ORDERS_CREATE",
  "ORDERS_UPDATED",
  "FULFILLMENTS_CREATE",
  "FULFILLMENTS_UPDATE",
  "INVENTORY_LEVELS_UPDATE",
] as const;

/**
 * The app's shop-scoped subscriptions to those topics. `uri` replaces the deprecated
 * `callbackUrl` (Shopify changelog "webhookSubscriptionCreate and webhookSubscriptionUpdate
 * support all URI types"); a subscription is the app's own, so five topics fit in one page.
 */
export const WEBHOOK_SUBSCRIPTIONS_QUERY = `query RelaisWebhookSubscriptions($topics: [WebhookSubscriptionTopic!]) {
  webhookSubscriptions(first: 100, topics: $topics) {
    nodes { id topic uri }
  }
}`;

export const WEBHOOK_SUBSCRIPTION_CREATE = `mutation RelaisWebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
    webhookSubscription { id topic uri }
    userErrors { field message }
  }
}`;

interface Subscription {
  id: string;
  topic: string;
  uri: string;
}

/** Shopify's refusal or silence, as the registration's reason. */
function registrationFailed(step: string, error: unknown): never {
  if (error instanceof ShopifyError) {
    throw unprocessable(
      "webhook_registration_failed",
      `Shopify refused to ${step}: ${error.message}`,
      error,
    );
  }
  throw error;
}

/**
 * Subscribes Relais's `/hooks/<channel-id>` to the five topics it reads, in JSON, idempotently:
 * the app's subscriptions are read first and a topic already pointing at this URL is kept, so a
 * second registration (a retried job, `--register-webhook` again) creates nothing. Subscriptions
 * of the same topics to another URL (an older address of this server) are left alone.
 */
export async function registerShopifyWebhooks(
  channel: ShopifyChannel,
  options: { url: string; timeoutMs: number; allowPrivateAddresses: boolean },
): Promise<WebhookRegistration> {
  const existing = await shopifyGraphql<{ webhookSubscriptions: { nodes: Subscription[] } }>(
    channel,
    WEBHOOK_SUBSCRIPTIONS_QUERY,
    { topics: [...SHOPIFY_WEBHOOK_TOPICS] },
    options,
  ).catch((error) => registrationFailed("list its webhook subscriptions", error));
  const ours = existing.webhookSubscriptions.nodes.filter((node) => node.uri === options.url);
  const ids: string[] = [];
  let created = 0;
  for (const topic of SHOPIFY_WEBHOOK_TOPICS) {
    const known = ours.find((node) => node.topic === topic);
    if (known) {
      ids.push(known.id);
      continue;
    }
    const answer = await shopifyGraphql<{
      webhookSubscriptionCreate: {
        webhookSubscription: Subscription | null;
        userErrors: Array<{ field?: string[] | null; message: string }>;
      };
    }>(
      channel,
      WEBHOOK_SUBSCRIPTION_CREATE,
      { topic, webhookSubscription: { uri: options.url, format: "JSON" } },
      options,
    ).catch((error) => registrationFailed(`subscribe to ${topic}`, error));
    const { webhookSubscription, userErrors } = answer.webhookSubscriptionCreate;
    const refusal = userErrorsOf(userErrors);
    if (refusal || !webhookSubscription) {
      throw unprocessable(
        "webhook_registration_failed",
        `Shopify refused to subscribe to ${topic}: ${refusal ?? "no subscription returned"}`,
      );
    }
    ids.push(webhookSubscription.id);
    created += 1;
  }
  return {
    webhookId: ids.join(","),
    reused: created === 0,
    subscribed: created > 0,
    url: options.url,
  };
}
