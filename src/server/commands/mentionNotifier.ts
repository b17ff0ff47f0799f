import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { DB } from "../db/schema.ts";
import { recordEvent } from "../events/outbox.ts";

export interface Mentioned {
  id: string;
  name: string;
}

/**
 * The users of the actor's account among `ids` who can be mentioned: active members of the
 * service team (not viewers), in the order given, each once. Ids of another account are ignored.
 */
export async function mentionableUsers(
  trx: Kysely<DB>,
  actor: Actor,
  ids: readonly string[],
): Promise<Mentioned[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await trx
    .selectFrom("users")
    .select(["id", "name"])
    .where("account_id", "=", actor.accountId)
    .where("id", "in", unique)
    .where("disabled_at", "is", null)
    .where("role", "<>", "viewer")
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return unique.flatMap((id) => byId.get(id) ?? []);
}

export interface MentionNotifierProps {
  actor: Actor;
  conversation: { id: string; number: number };
  messageId: string;
  mentioned: readonly Mentioned[];
}

/**
 * Tells each teammate mentioned in a note (never the author), in the note's transaction: one
 * `notification.created` naming them, with the structured data their app words it from — who
 * mentioned them and in which conversation — so each reads it in their own language.
 */
export async function mentionNotifier(trx: Kysely<DB>, props: MentionNotifierProps) {
  const { actor, conversation } = props;
  const userIds = props.mentioned.map((user) => user.id).filter((id) => id !== actor.userId);
  if (userIds.length === 0) return;
  const author = await trx
    .selectFrom("users")
    .select("name")
    .where("account_id", "=", actor.accountId)
    .where("id", "=", actor.userId)
    .executeTakeFirst();
  await recordEvent(trx, {
    accountId: actor.accountId,
    name: "notification.created",
    payload: {
      notificationKind: "mention",
      conversationId: conversation.id,
      messageId: props.messageId,
      userIds,
      params: { byName: author?.name ?? "", number: conversation.number },
    },
    actorUserId: actor.userId,
  });
}
