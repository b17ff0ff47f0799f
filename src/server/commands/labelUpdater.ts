import type { Kysely } from "kysely";
import type { TLabelUpdateRequest } from "../../shared/labels.ts";
import type { Actor } from "../auth/actor.ts";
import type { DB, Label } from "../db/schema.ts";
import { checkLabelName, renameLabelOnConversations } from "../models/labels.ts";
import { updateOwned } from "../models/owned.ts";
import { changeRecorder } from "./changeRecorder.ts";

/** Changes a label; a new name is carried over to every conversation wearing the old one. */
export async function labelUpdater(
  db: Kysely<DB>,
  props: { actor: Actor; label: Label; changes: TLabelUpdateRequest },
): Promise<Label> {
  const { actor, label, changes } = props;
  const renamed = changes.name !== undefined && changes.name !== label.name;
  if (renamed && changes.name) await checkLabelName(db, actor.accountId, changes.name, label.id);
  return changeRecorder(db, {
    actor,
    action: "label.update",
    subjectType: "label",
    write: async (trx) => {
      if (renamed && changes.name) {
        await renameLabelOnConversations(trx, actor.accountId, label.name, changes.name);
      }
      return updateOwned(trx, "labels", actor.accountId, label.id, {
        name: changes.name,
        colour: changes.colour,
        description: changes.description === "" ? null : changes.description,
        updated_at: new Date(),
      });
    },
    data: () => ({ ...changes, ...(renamed ? { previousName: label.name } : {}) }),
  });
}
