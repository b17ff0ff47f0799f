import type { Kysely } from "kysely";
import type { TLabelCreateRequest } from "../../shared/labels.ts";
import type { Actor } from "../auth/actor.ts";
import type { DB, Label } from "../db/schema.ts";
import { checkLabelName } from "../models/labels.ts";
import { insertOwned } from "../models/owned.ts";
import { changeRecorder } from "./changeRecorder.ts";

/** Creates a label; its name is unique in the account, whatever its case. */
export async function labelCreator(
  db: Kysely<DB>,
  props: { actor: Actor; label: TLabelCreateRequest },
): Promise<Label> {
  const { actor, label } = props;
  await checkLabelName(db, actor.accountId, label.name);
  return changeRecorder(db, {
    actor,
    action: "label.create",
    subjectType: "label",
    write: (trx) =>
      insertOwned(trx, "labels", {
        account_id: actor.accountId,
        name: label.name,
        colour: label.colour,
        description: label.description || null,
      }),
    data: () => ({ name: label.name, colour: label.colour }),
  });
}
