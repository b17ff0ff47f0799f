import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { Idea } from "../db/schema/ideas.ts";
import type { DB } from "../db/schema.ts";
import { deleteOwned } from "../models/owned.ts";
import { changeRecorder } from "./changeRecorder.ts";

/** Deletes an idea with its links and notices; the conversations themselves stay. */
export async function ideaDeleter(db: Kysely<DB>, props: { actor: Actor; idea: Idea }) {
  const { actor, idea } = props;
  await changeRecorder(db, {
    actor,
    action: "idea.delete",
    subjectType: "idea",
    write: (trx) => deleteOwned(trx, "ideas", actor.accountId, idea.id),
    data: () => ({ title: idea.title }),
    event: (row) => ({ name: "idea.deleted", payload: { ideaId: row.id } }),
  });
}
