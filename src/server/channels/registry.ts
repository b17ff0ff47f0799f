import type { ChannelKind } from "../../shared/enums.ts";
import { notFound } from "../errors.ts";
import { apiProvider } from "./api/provider.ts";
import { blueskyProvider } from "./bluesky/provider.ts";
import { chatProvider } from "./chat/provider.ts";
import { emailProvider } from "./email/provider.ts";
import { facebookProvider } from "./facebook/provider.ts";
import { instagramProvider } from "./instagram/provider.ts";
import { mastodonProvider } from "./mastodon/provider.ts";
import { phoneProvider } from "./phone/provider.ts";
import type { ChannelProvider } from "./provider.ts";
import { shopProvider } from "./shop/provider.ts";
import { shopifyProvider } from "./shopify/provider.ts";
import { whatsappProvider } from "./whatsapp/provider.ts";
import { xProvider } from "./x/provider.ts";

type AnyProvider = ChannelProvider<unknown, unknown>;

/** Every channel provider, listed explicitly. */
const providers: readonly AnyProvider[] = [
  erase(apiProvider),
  erase(xProvider),
  erase(mastodonProvider),
  erase(blueskyProvider),
  erase(emailProvider),
  erase(facebookProvider),
  erase(instagramProvider),
  erase(whatsappProvider),
  erase(chatProvider),
  erase(phoneProvider),
];

/** Channels of a shop's records (orders, shipments, stock), not of customers' messages. */
const storeProviders: readonly AnyProvider[] = [erase(shopProvider), erase(shopifyProvider)];

const byKind = new Map<string, AnyProvider>(
  [...providers, ...storeProviders].map((provider) => [provider.kind, provider]),
);

/** Providers check their own config and secrets with their schemas before using them. */
function erase<Config, Secrets>(provider: ChannelProvider<Config, Secrets>): AnyProvider {
  return provider as unknown as AnyProvider;
}

export function providerFor(kind: ChannelKind | string): AnyProvider {
  const provider = byKind.get(kind);
  if (!provider) throw notFound(`Channel provider "${kind}"`);
  return provider;
}

/** The kinds customers write on (the inbox, the channels API and its forms). */
export function registeredKinds(): string[] {
  return providers.map((provider) => provider.kind);
}

/** The kinds that bring a shop's records: added with `relais channel add shop|shopify`. */
export function storeKinds(): string[] {
  return storeProviders.map((provider) => provider.kind);
}

/** The kinds whose channels fetch what is new on a schedule (IMAP, X, Mastodon, Bluesky, shops). */
export function pollingKinds(): string[] {
  return [...byKind.values()].filter((provider) => provider.poll).map((provider) => provider.kind);
}
