import type { Kysely } from "kysely";
import type { SecretBox } from "../crypto/secrets.ts";
import type { Channel, DB } from "../db/schema.ts";
import type { ChannelProvider, ResolvedChannel } from "./provider.ts";
import { providerFor } from "./registry.ts";

export interface ChannelWithProvider {
  provider: ChannelProvider<unknown, unknown>;
  channel: ResolvedChannel<unknown, unknown>;
}

/** The channel's provider, with its configuration checked and its credentials decrypted. */
export function resolveChannel(row: Channel, secretBox: SecretBox): ChannelWithProvider {
  const provider = providerFor(row.kind);
  const secrets = row.secrets ? secretBox.open<unknown>(row.secrets) : {};
  return {
    provider,
    channel: {
      row,
      config: provider.configSchema.parse(row.config),
      secrets: provider.secretsSchema.parse(secrets),
    },
  };
}

export async function findChannel(db: Kysely<DB>, accountId: string, id: string) {
  return db
    .selectFrom("channels")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Webhooks name only the channel; its account comes from the row. */
export async function findChannelForHook(db: Kysely<DB>, id: string) {
  return db
    .selectFrom("channels")
    .selectAll()
    .where("id", "=", id)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
}
