import { sql } from "kysely";
import { webhookRegistrar } from "../../commands/webhookRegistrar.ts";
import { isAppError } from "../../errors.ts";
import type { Processor } from "../../jobs/processor.ts";
import type { Services } from "../../services.ts";
import { ShopifyError } from "./graphql.ts";

async function saveWebhookState(
  services: Services,
  scope: { accountId: string; channelId: string },
  state: Record<string, unknown>,
) {
  await services.db
    .updateTable("channels")
    .set({
      state: sql`state || jsonb_build_object('webhooks', ${JSON.stringify({ ...state, at: new Date().toISOString() })}::jsonb)`,
    })
    .where("account_id", "=", scope.accountId)
    .where("id", "=", scope.channelId)
    .execute();
}

/**
 * A new Shopify channel subscribes Relais's `/hooks/<channel-id>` to the topics it reads, with
 * nobody to do it by hand in the shop's admin (webhookSubscriptions.ts). A processor, so the
 * registration is durable: Shopify unreachable or throttled, it is retried; refused (a wrong
 * token, no public address), it stops and says why in the channel's state (`webhooks`).
 */
export const shopifyWebhooksProcessor: Processor = {
  name: "shopify-webhooks-register",
  events: ["channel.created"],
  retryLimit: 5,
  async handle(services, event) {
    const channelId = event.payload.channelId;
    if (typeof channelId !== "string") return;
    const channel = await services.db
      .selectFrom("channels")
      .select(["id", "kind"])
      .where("account_id", "=", event.accountId)
      .where("id", "=", channelId)
      .where("disabled_at", "is", null)
      .executeTakeFirst();
    if (channel?.kind !== "shopify") return;
    const scope = { accountId: event.accountId, channelId };
    const log = services.log.child(scope);
    try {
      const { registration } = await webhookRegistrar(services, scope);
      await saveWebhookState(services, scope, {
        status: "registered",
        ...registration,
        error: null,
      });
      log.info({ reused: registration.reused }, "shopify webhooks registered");
    } catch (error) {
      if (!isAppError(error)) throw error;
      // Unreachable or throttled: the processor's retries try again later.
      const cause = error.cause;
      if (cause instanceof ShopifyError && ["retryable", "throttled"].includes(cause.failure)) {
        throw error;
      }
      await saveWebhookState(services, scope, { status: "failed", error: error.message });
      log.warn({ err: error }, "shopify webhooks not registered");
    }
  },
};
