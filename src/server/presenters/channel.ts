import type { ChannelKind } from "../../shared/enums.ts";
import type { TChannel } from "../../shared/schemas.ts";
import { providerFor } from "../channels/registry.ts";
import type { Channel } from "../db/schema.ts";
import { iso, isoOrNull } from "./dates.ts";

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
    health: {
      lastReceivedAt: isoOrNull(row.last_received_at),
      lastError: row.last_error,
      lastErrorAt: isoOrNull(row.last_error_at),
      tokenExpiresAt: tokenExpiry(row.state),
    },
    signPublicReplies: row.sign_public_replies,
    publicReplyLimit: provider.publicReplyLimit ?? null,
    emailHeaders: provider.emailHeaders === true,
  };
}

/** A provider that knows when its access token expires keeps it in its state. */
function tokenExpiry(state: Record<string, unknown>): string | null {
  const value = state.tokenExpiresAt;
  if (typeof value !== "string" || Number.isNaN(Date.parse(value))) return null;
  return new Date(value).toISOString();
}

export function webhookUrl(baseUrl: string, channelId: string): string {
  return `${baseUrl}/hooks/${channelId}`;
}
