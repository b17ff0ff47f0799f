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
  erase(shopProvider),
  erase(shopifyProvider),
];

const byKind = new Map<string, AnyProvider>(providers.map((provider) => [provider.kind, provider]));

/** Providers check their own config and secrets with their schemas before using them. */
function erase<Config, Secrets>(provider: ChannelProvider<Config, Secrets>): AnyProvider {
  return provider as unknown as AnyProvider;
}

export function providerFor(kind: ChannelKind | string): AnyProvider {
  const provider = byKind.get(kind);
  if (!provider) throw notFound(`Channel provider "${kind}"`);
  return provider;
}

export function registeredKinds(): string[] {
  return [...byKind.keys()];
}
