import type { Kysely } from "kysely";
import type { Channel, DB } from "../db/schema.ts";
import { acknowledgementEnabled } from "../models/acknowledgements.ts";
import {
  type AcknowledgementEstimate,
  acknowledgementEstimate,
  acknowledgementText,
} from "./acknowledgementEstimate.ts";

export interface AcknowledgementSetting {
  channel: Pick<Channel, "id" | "name" | "kind">;
  enabled: boolean;
  estimate: AcknowledgementEstimate | null;
  preview: { fr: string; en: string } | null;
}

/**
 * A channel's acknowledgement setting with what a customer writing now would read: the same
 * estimate and sentence as the one sent (a normal-priority conversation without a team, in the
 * account's zone), so the settings screen shows live figures, never a fixed sentence.
 */
export async function acknowledgementSetting(
  db: Kysely<DB>,
  props: { accountId: string; channel: Pick<Channel, "id" | "name" | "kind">; now?: Date },
): Promise<AcknowledgementSetting> {
  const { accountId, channel } = props;
  const now = props.now ?? new Date();
  const account = await db
    .selectFrom("accounts")
    .select("time_zone")
    .where("id", "=", accountId)
    .executeTakeFirstOrThrow();
  const estimate = await acknowledgementEstimate(db, {
    accountId,
    channelId: channel.id,
    subject: { channelKind: channel.kind, priority: "normal", category: null, teamId: null },
    now,
  });
  return {
    channel,
    enabled: await acknowledgementEnabled(db, accountId, channel.id),
    estimate,
    preview: estimate
      ? {
          fr: acknowledgementText(estimate, "fr", account.time_zone),
          en: acknowledgementText(estimate, "en", account.time_zone),
        }
      : null,
  };
}
