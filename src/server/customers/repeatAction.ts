import type { Kysely } from "kysely";
import { conversationMerger } from "../commands/conversationMerger.ts";
import type { DB } from "../db/schema.ts";
import type { RepeatLink } from "./repeats.ts";

/**
 * What the account chose to do with a repeat (`repeat_action`): "link" keeps the link only;
 * "reopen" merges the new conversation into the earlier one when that one is resolved and on the
 * same channel, so the customer's problem picks up where it stopped instead of starting from
 * zero (the earlier conversation reopens with the new message in it). Returns whether it merged.
 */
export async function repeatActor(
  db: Kysely<DB>,
  accountId: string,
  conversationId: string,
  link: RepeatLink,
): Promise<boolean> {
  const account = await db
    .selectFrom("accounts")
    .select("repeat_action")
    .where("id", "=", accountId)
    .executeTakeFirst();
  if (account?.repeat_action !== "reopen") return false;
  const pair = await db
    .selectFrom("conversations")
    .select(["id", "channel_id", "status", "merged_into_id"])
    .where("account_id", "=", accountId)
    .where("id", "in", [conversationId, link.earlierId])
    .execute();
  const repeat = pair.find((row) => row.id === conversationId);
  const earlier = pair.find((row) => row.id === link.earlierId);
  if (!repeat || !earlier || repeat.merged_into_id || earlier.merged_into_id) return false;
  if (earlier.status !== "resolved" || earlier.channel_id !== repeat.channel_id) return false;
  await conversationMerger(db, {
    accountId,
    actorUserId: null,
    targetId: earlier.id,
    sourceId: repeat.id,
    reason: `repeat_${link.reason}`,
  });
  return true;
}
