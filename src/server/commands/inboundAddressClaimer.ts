import type { Kysely } from "kysely";
import { providerFor } from "../channels/registry.ts";
import type { Channel, DB } from "../db/schema.ts";
import { conflict } from "../errors.ts";

export interface InboundAddressClaimerProps {
  channel: Pick<Channel, "account_id" | "id" | "kind">;
  /** The channel's checked configuration, as it is being saved. */
  config: unknown;
}

/**
 * Gives a channel the inbound address its provider names (or frees the one it had), in the
 * caller's transaction. An address belongs to one channel in the whole installation: one held
 * by another channel, of this account or any other, answers 409 `address_taken`. Two admins
 * claiming the same address at once: the unique key makes the second wait, then refuses it.
 */
export async function inboundAddressClaimer(
  trx: Kysely<DB>,
  props: InboundAddressClaimerProps,
): Promise<void> {
  const { channel } = props;
  const provider = providerFor(channel.kind);
  const address = provider.inboundAddress?.(props.config) ?? null;
  let released = trx
    .deleteFrom("inbound_addresses")
    .where("account_id", "=", channel.account_id)
    .where("channel_id", "=", channel.id);
  if (address) released = released.where("address", "<>", address);
  await released.execute();
  if (!address) return;

  await trx
    .insertInto("inbound_addresses")
    .values({ address, account_id: channel.account_id, channel_id: channel.id })
    .onConflict((on) => on.column("address").doNothing())
    .execute();
  const holder = await trx
    .selectFrom("inbound_addresses")
    .select(["account_id", "channel_id"])
    .where("address", "=", address)
    .executeTakeFirst();
  if (holder?.account_id !== channel.account_id || holder.channel_id !== channel.id) {
    throw conflict(
      "address_taken",
      `The address ${address} already belongs to another channel. An inbound address can belong to one channel only.`,
    );
  }
}
