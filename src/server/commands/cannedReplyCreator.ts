import type { Kysely } from "kysely";
import type { TCannedReplyCreateRequest } from "../../shared/rules.ts";
import type { Actor } from "../auth/actor.ts";
import type { CannedReply, DB } from "../db/schema.ts";
import { checkShortcut } from "../models/cannedReplies.ts";
import { insertOwned } from "../models/owned.ts";
import { checkTemplate } from "../rules/validate.ts";
import { changeRecorder } from "./changeRecorder.ts";

/** Creates a canned reply; its shortcut is unique in the account, its variables known. */
export async function cannedReplyCreator(
  db: Kysely<DB>,
  props: { actor: Actor; reply: TCannedReplyCreateRequest },
): Promise<CannedReply> {
  const { actor, reply } = props;
  checkTemplate(reply.bodyFr, "bodyFr");
  checkTemplate(reply.bodyEn, "bodyEn");
  await checkShortcut(db, actor.accountId, reply.shortcut);
  return changeRecorder(db, {
    actor,
    action: "canned_reply.create",
    subjectType: "canned_reply",
    write: (trx) =>
      insertOwned(trx, "canned_replies", {
        account_id: actor.accountId,
        shortcut: reply.shortcut,
        title: reply.title,
        body_fr: reply.bodyFr,
        body_en: reply.bodyEn,
      }),
    data: () => ({ shortcut: reply.shortcut }),
  });
}
