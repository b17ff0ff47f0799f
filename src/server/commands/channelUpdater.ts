import type { Kysely } from "kysely";
import { providerFor } from "../channels/registry.ts";
import type { SecretBox } from "../crypto/secrets.ts";
import type { Channel, DB } from "../db/schema.ts";
import { validationFailed } from "../errors.ts";
import { updateOwned } from "../models/owned.ts";
import { changeRecorder } from "./changeRecorder.ts";
import { inboundAddressClaimer } from "./inboundAddressClaimer.ts";

export interface ChannelUpdaterProps {
  actor: { accountId: string; userId: string };
  channel: Channel;
  changes: {
    name?: string;
    config?: Record<string, unknown>;
    secrets?: Record<string, unknown>;
    disabled?: boolean;
    signPublicReplies?: boolean;
  };
}

/**
 * Renames, reconfigures, disables or enables a channel, or changes its credentials. A partial
 * config or set of secrets joins the current one, and the provider checks the result; secrets
 * are sealed again.
 */
export async function channelUpdater(
  db: Kysely<DB>,
  secretBox: SecretBox,
  props: ChannelUpdaterProps,
): Promise<Channel> {
  const { actor, channel, changes } = props;
  const provider = providerFor(channel.kind);
  const config = changes.config
    ? provider.configSchema.safeParse({ ...channel.config, ...changes.config })
    : null;
  if (config && !config.success)
    throw validationFailed(`Invalid channel config: ${config.error.issues[0]?.message}`);
  let sealed: string | undefined;
  if (changes.secrets) {
    const current = channel.secrets ? secretBox.open<Record<string, unknown>>(channel.secrets) : {};
    const secrets = provider.secretsSchema.safeParse({ ...current, ...changes.secrets });
    if (!secrets.success)
      throw validationFailed(`Invalid channel secrets: ${secrets.error.issues[0]?.message}`);
    sealed = secretBox.seal(secrets.data);
  }
  const changed = Object.keys(changes);
  return changeRecorder(db, {
    actor,
    action: "channel.update",
    subjectType: "channel",
    write: async (trx) => {
      const row = await updateOwned(trx, "channels", actor.accountId, channel.id, {
        name: changes.name,
        config: config ? JSON.stringify(config.data) : undefined,
        secrets: sealed,
        disabled_at:
          changes.disabled === undefined ? undefined : changes.disabled ? new Date() : null,
        sign_public_replies: changes.signPublicReplies,
      });
      // An inbound address belongs to one channel of the whole installation (409 otherwise).
      if (config) await inboundAddressClaimer(trx, { channel: row, config: config.data });
      return row;
    },
    data: () => ({ changes: changed }),
    event: () => ({
      name: "channel.updated",
      payload: { channelId: channel.id, changes: changed },
    }),
  });
}
