import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { CannedReply, DB } from "../db/schema.ts";
import { conflict } from "../errors.ts";
import { findRuleSendingReply } from "../models/rules.ts";
import { ownedDeleter } from "./ownedDeleter.ts";

/** Deletes a canned reply that no rule sends (409 naming the rule that does). */
export async function cannedReplyDeleter(
  db: Kysely<DB>,
  props: { actor: Actor; reply: CannedReply },
): Promise<void> {
  const { actor, reply } = props;
  const usedBy = await findRuleSendingReply(db, actor.accountId, reply.id);
  if (usedBy) {
    throw conflict(
      "canned_reply_in_use",
      `The rule "${usedBy.name}" sends this reply; change or delete the rule first.`,
    );
  }
  await ownedDeleter(db, {
    actor,
    table: "canned_replies",
    row: reply,
    subjectType: "canned_reply",
    data: (row) => ({ shortcut: row.shortcut }),
  });
}
