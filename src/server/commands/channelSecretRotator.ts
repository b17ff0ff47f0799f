import type { Kysely } from "kysely";
import { providerFor } from "../channels/registry.ts";
import type { SecretBox } from "../crypto/secrets.ts";
import type { Channel, DB } from "../db/schema.ts";
import { unprocessable } from "../errors.ts";
import { updateOwned } from "../models/owned.ts";
import { changeRecorder } from "./changeRecorder.ts";

/**
 * Replaces the secrets Relais generated for a channel (signing secrets, token keys) with new
 * ones, returned once; credentials that come from the provider cannot be rotated here.
 */
export async function channelSecretRotator(
  db: Kysely<DB>,
  secretBox: SecretBox,
  props: { actor: { accountId: string; userId: string }; channel: Channel },
): Promise<{ channel: Channel; secrets: Record<string, unknown> }> {
  const { actor, channel } = props;
  const generated = providerFor(channel.kind).generateSecrets?.() as
    | Record<string, unknown>
    | undefined;
  if (!generated) {
    throw unprocessable(
      "no_generated_secret",
      "This channel's credentials come from its provider.",
    );
  }
  const current = channel.secrets ? secretBox.open<Record<string, unknown>>(channel.secrets) : {};
  const updated = await changeRecorder(db, {
    actor,
    action: "channel.rotate_secret",
    subjectType: "channel",
    write: (trx) =>
      updateOwned(trx, "channels", actor.accountId, channel.id, {
        secrets: secretBox.seal({ ...current, ...generated }),
      }),
  });
  return { channel: updated, secrets: generated };
}
