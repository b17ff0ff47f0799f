import type { Kysely } from "kysely";
import type { StoreChannelKind } from "../../shared/backoffice.ts";
import type { ChannelKind } from "../../shared/enums.ts";
import { providerFor } from "../channels/registry.ts";
import type { SecretBox } from "../crypto/secrets.ts";
import type { Channel, DB } from "../db/schema.ts";
import { validationFailed } from "../errors.ts";
import { insertOwned } from "../models/owned.ts";
import { changeRecorder } from "./changeRecorder.ts";
import { inboundAddressClaimer } from "./inboundAddressClaimer.ts";

export interface ChannelCreatorProps {
  accountId: string;
  kind: ChannelKind | StoreChannelKind;
  name: string;
  config: unknown;
  secrets: unknown;
  actorUserId?: string | null;
}

/** Creates a channel after its provider has checked the configuration; secrets are sealed. */
export async function channelCreator(
  db: Kysely<DB>,
  secretBox: SecretBox,
  props: ChannelCreatorProps,
): Promise<Channel> {
  const provider = providerFor(props.kind);
  const config = provider.configSchema.safeParse(props.config);
  if (!config.success) throw validationFailed(describe("config", config.error.issues));
  const secrets = provider.secretsSchema.safeParse(props.secrets);
  if (!secrets.success) throw validationFailed(describe("secrets", secrets.error.issues));

  return changeRecorder(db, {
    actor: { accountId: props.accountId, userId: props.actorUserId ?? null },
    action: "channel.create",
    subjectType: "channel",
    write: async (trx) => {
      const channel = await insertOwned(trx, "channels", {
        account_id: props.accountId,
        kind: props.kind,
        name: props.name.trim(),
        config: JSON.stringify(config.data ?? {}),
        secrets: secretBox.seal(secrets.data),
      });
      // An inbound address belongs to one channel of the whole installation (409 otherwise).
      await inboundAddressClaimer(trx, { channel, config: config.data });
      return channel;
    },
    data: (channel) => ({ kind: props.kind, name: channel.name }),
    event: (channel) => ({ name: "channel.created", payload: { channelId: channel.id } }),
  });
}

function describe(what: string, issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>) {
  const issue = issues[0];
  const path = issue?.path.map(String).join(".");
  return `Invalid channel ${what}${path ? ` (${path})` : ""}: ${issue?.message ?? "invalid"}`;
}
