import type { Kysely } from "kysely";
import type { TCannedReplyUpdateRequest } from "../../shared/rules.ts";
import type { Actor } from "../auth/actor.ts";
import type { CannedReply, DB } from "../db/schema.ts";
import { validationFailed } from "../errors.ts";
import { checkShortcut } from "../models/cannedReplies.ts";
import { updateOwned } from "../models/owned.ts";
import { checkTemplate } from "../rules/validate.ts";
import { changeRecorder } from "./changeRecorder.ts";

/** Changes a canned reply; it keeps a body in at least one language. */
export async function cannedReplyUpdater(
  db: Kysely<DB>,
  props: { actor: Actor; reply: CannedReply; changes: TCannedReplyUpdateRequest },
): Promise<CannedReply> {
  const { actor, reply, changes } = props;
  checkTemplate(changes.bodyFr, "bodyFr");
  checkTemplate(changes.bodyEn, "bodyEn");
  const bodyFr = changes.bodyFr === undefined ? reply.body_fr : changes.bodyFr;
  const bodyEn = changes.bodyEn === undefined ? reply.body_en : changes.bodyEn;
  if (bodyFr === null && bodyEn === null) {
    throw validationFailed("Write the reply in French, English or both.");
  }
  if (changes.shortcut) await checkShortcut(db, actor.accountId, changes.shortcut, reply.id);
  return changeRecorder(db, {
    actor,
    action: "canned_reply.update",
    subjectType: "canned_reply",
    write: (trx) =>
      updateOwned(trx, "canned_replies", actor.accountId, reply.id, {
        shortcut: changes.shortcut,
        title: changes.title,
        body_fr: bodyFr,
        body_en: bodyEn,
        updated_at: new Date(),
      }),
    data: () => ({ ...changes }),
  });
}
