import type { ChannelProvider, ResolvedChannel } from "./provider.ts";

/** What a registration did: the provider's webhook id, and whether anything had to be created. */
export interface WebhookRegistration {
  webhookId: string;
  /** The provider already knew this URL: its webhook was reused, not created again. */
  reused: boolean;
  /** The channel's account was subscribed now (false: it already was). */
  subscribed: boolean;
  /** The webhook URL registered. */
  url: string;
}

/**
 * Providers that can register Relais's webhook URL with themselves (X's Account Activity API),
 * so that no one has to do it by hand. Idempotent: a second call finds and reuses what the
 * first one registered. Throws an AppError carrying the provider's reason when it refuses.
 */
export interface WebhookRegistrar<Config = unknown, Secrets = unknown> {
  registerWebhook(
    channel: ResolvedChannel<Config, Secrets>,
    /** With `allowPrivateAddresses` false, the provider's host is checked at each call. */
    options: { url: string; timeoutMs: number; allowPrivateAddresses: boolean },
  ): Promise<WebhookRegistration>;
}

export function hasWebhookRegistrar(
  provider: ChannelProvider<unknown, unknown>,
): provider is ChannelProvider<unknown, unknown> & WebhookRegistrar {
  return typeof (provider as Partial<WebhookRegistrar>).registerWebhook === "function";
}
