import { resolveChannel } from "../channels/resolve.ts";
import { hasWebhookRegistrar, type WebhookRegistration } from "../channels/webhookRegistration.ts";
import type { Channel } from "../db/schema.ts";
import { unprocessable } from "../errors.ts";
import { loadOwned, updateOwned } from "../models/owned.ts";
import { webhookUrl } from "../presenters/channel.ts";
import type { Services } from "../services.ts";
import { changeRecorder } from "./changeRecorder.ts";

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
  const row = await loadOwned(services.db, "channels", props.accountId, props.channelId);
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
    allowPrivateAddresses: services.env.RELAIS_OUTBOUND_ALLOW_PRIVATE,
  });

  const updated = await changeRecorder(services.db, {
    actor: { accountId: props.accountId, userId: props.actorUserId ?? null },
    action: "channel.register_webhook",
    subjectType: "channel",
    async write(trx) {
      // The config as it is now (not as read before the provider's calls), plus the id.
      const current = await loadOwned(trx, "channels", props.accountId, row.id, {
        forUpdate: true,
      });
      return updateOwned(trx, "channels", props.accountId, row.id, {
        config: JSON.stringify({ ...current.config, webhookId: registration.webhookId }),
      });
    },
    data: () => ({ ...registration }),
    event: () => ({ name: "channel.updated", payload: { channelId: row.id, changes: ["config"] } }),
  });
  return { channel: updated, registration };
}
