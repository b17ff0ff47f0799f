import type { Kysely } from "kysely";
import type { InboundQuarantine } from "../channels/provider.ts";
import type { Channel, DB } from "../db/schema.ts";
import { recordEvent } from "../events/outbox.ts";

/**
 * Keeps a message nobody could be named for in the quarantine, whole, with an event so admins
 * see it arrive. The same message received again (a retrying server, a re-read mailbox) is
 * kept once: the returned id is null then.
 */
export async function quarantineKeeper(
  db: Kysely<DB>,
  channel: Channel,
  item: InboundQuarantine,
): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("email_quarantine")
      .values({
        account_id: channel.account_id,
        channel_id: channel.id,
        external_id: item.externalId,
        reason: item.reason,
        sender: item.from,
        subject: item.subject,
        text: item.text,
        raw: item.raw,
        size: item.raw.length,
        envelope: JSON.stringify(item.envelope ?? {}),
      })
      .onConflict((on) => on.columns(["account_id", "channel_id", "external_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return null;
    await recordEvent(trx, {
      accountId: channel.account_id,
      name: "email_quarantine.created",
      payload: { quarantineId: row.id, channelId: channel.id },
    });
    return row.id;
  });
}
