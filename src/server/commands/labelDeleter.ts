import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { DB, Label } from "../db/schema.ts";
import { removeLabelFromConversations } from "../models/labels.ts";
import { deleteOwned } from "../models/owned.ts";
import { changeRecorder } from "./changeRecorder.ts";

/** Deletes a label and takes it off the conversations that carry it, in one transaction. */
export async function labelDeleter(
  db: Kysely<DB>,
  props: { actor: Actor; label: Label },
): Promise<void> {
  const { actor, label } = props;
  await changeRecorder(db, {
    actor,
    action: "label.delete",
    subjectType: "label",
    write: async (trx) => {
      await removeLabelFromConversations(trx, actor.accountId, label.name);
      return deleteOwned(trx, "labels", actor.accountId, label.id);
    },
    data: () => ({ name: label.name }),
  });
}
