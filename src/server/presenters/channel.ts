import type { ChannelKind } from "../../shared/enums.ts";
import type { TChannel } from "../../shared/schemas.ts";
import { providerFor } from "../channels/registry.ts";
import type { Channel } from "../db/schema.ts";
import { iso } from "./dates.ts";

/** Never includes secrets: they are shown once, when created or rotated. */
export function presentChannel(row: Channel, baseUrl: string): TChannel {
  const provider = providerFor(row.kind);
  return {
    id: row.id,
    kind: row.kind as ChannelKind,
    name: row.name,
    config: row.config,
    webhookUrl: webhookUrl(baseUrl, row.id),
    disabled: row.disabled_at !== null,
    attachments: provider.attachments ?? null,
    createdAt: iso(row.created_at),
    signPublicReplies: row.sign_public_replies,
    publicReplyLimit: provider.publicReplyLimit ?? null,
    emailHeaders: provider.emailHeaders === true,
  };
}

export function webhookUrl(baseUrl: string, channelId: string): string {
  return `${baseUrl}/hooks/${channelId}`;
}
