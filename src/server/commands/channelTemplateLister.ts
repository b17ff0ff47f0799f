import { resolveChannel } from "../channels/resolve.ts";
import { hasTemplateCatalog } from "../channels/whatsapp/templates.ts";
import type { Channel } from "../db/schema.ts";
import { unprocessable } from "../errors.ts";
import type { Services } from "../services.ts";

/** The channel's approved message templates, asked of its provider (WhatsApp). */
export async function channelTemplateLister(services: Services, props: { channel: Channel }) {
  const { provider, channel } = resolveChannel(props.channel, services.secrets);
  if (!hasTemplateCatalog(provider)) {
    throw unprocessable("templates_unsupported", "This channel does not use message templates.");
  }
  return provider.listTemplates(channel, {
    timeoutMs: services.env.RELAIS_HTTP_TIMEOUT_MS,
    allowPrivateAddresses: services.env.RELAIS_OUTBOUND_ALLOW_PRIVATE,
  });
}
