import { findChannel, resolveChannel } from "../channels/resolve.ts";
import { hasWebhookRegistrar, type WebhookRegistration } from "../channels/webhookRegistration.ts";
import type { Channel } from "../db/schema.ts";
import { notFound, unprocessable } from "../errors.ts";
import { recordAudit, recordEvent } from "../events/outbox.ts";
import { webhookUrl } from "../presenters/channel.ts";
import type { Services } from "../services.ts";

export interface WebhookRegistrarProps {
  accountId: string;
  channelId: string;
  actorUserId?: string | null;
}

/**
 * Registers the channel's webhook URL (`<RELAIS_PUBLIC_URL>/hooks/<id>`) with its provider and
 * keeps the provider's webhook id in the channel's config. Idempotent: the provider reuses what
 * is already registered. The provider calls the URL back while registering (X's CRC), so the
 * public address must be set and reach this server; the provider's refusal is thrown with its
 * reason.
 */
export async function webhookRegistrar(
  services: Services,
  props: WebhookRegistrarProps,
): Promise<{ channel: Channel; registration: WebhookRegistration }> {
  const row = await findChannel(services.db, props.accountId, props.channelId);
  if (!row) throw notFound("Channel");
  const { provider, channel } = resolveChannel(row, services.secrets);
  if (!hasWebhookRegistrar(provider)) {
    throw unprocessable(
      "webhook_registration_unsupported",
      "This channel's provider does not let Relais register its webhook.",
    );
  }
  const base = services.env.RELAIS_PUBLIC_URL;
  if (!base) {
    throw unprocessable(
      "public_url_missing",
      "Set RELAIS_PUBLIC_URL to the public https address of this server: the provider checks " +
        "the webhook there before registering it.",
    );
  }
  const registration = await provider.registerWebhook(channel, {
    url: webhookUrl(base.replace(/\/$/, ""), row.id),
    timeoutMs: services.env.RELAIS_HTTP_TIMEOUT_MS,
  });

  const updated = await services.db.transaction().execute(async (trx) => {
    // The config as it is now (not as read before the provider's calls), plus the id.
    const current = await trx
      .selectFrom("channels")
      .select("config")
      .where("account_id", "=", props.accountId)
      .where("id", "=", row.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const saved = await trx
      .updateTable("channels")
      .set({ config: JSON.stringify({ ...current.config, webhookId: registration.webhookId }) })
      .where("account_id", "=", props.accountId)
      .where("id", "=", row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      accountId: props.accountId,
      name: "channel.updated",
      payload: { channelId: row.id, changes: ["config"] },
      actorUserId: props.actorUserId ?? null,
    });
    await recordAudit(trx, {
      accountId: props.accountId,
      actorUserId: props.actorUserId ?? null,
      action: "channel.register_webhook",
      subjectType: "channel",
      subjectId: row.id,
      data: { ...registration },
    });
    return saved;
  });
  return { channel: updated, registration };
}
