import type { Kysely } from "kysely";
import type { TIdeaCreateRequest } from "../../shared/ideas.ts";
import type { Actor } from "../auth/actor.ts";
import type { DB } from "../db/schema.ts";
import { insertOwned } from "../models/owned.ts";
import { changeRecorder } from "./changeRecorder.ts";
import { linkConversation } from "./ideaLinker.ts";

/**
 * Creates an idea; with `conversationId` (already authorized by the caller), the suggestion it
 * came from is linked in the same transaction — the unsorted queue's "new idea" in one click.
 * A new idea is never announced to anyone: only a later status change is.
 */
export async function ideaCreator(
  db: Kysely<DB>,
  props: { actor: Actor; idea: TIdeaCreateRequest },
) {
  const { actor, idea } = props;
  return changeRecorder(db, {
    actor,
    action: "idea.create",
    subjectType: "idea",
    write: async (trx) => {
      const row = await insertOwned(trx, "ideas", {
        account_id: actor.accountId,
        title: idea.title,
        description: idea.description,
        kind: idea.kind,
        status: idea.status,
        status_note: idea.statusNote || null,
        public: idea.public,
        created_by: actor.userId,
      });
      if (idea.conversationId) {
        await linkConversation(trx, { actor, ideaId: row.id, conversationId: idea.conversationId });
      }
      return row;
    },
    data: (row) => ({ title: row.title, kind: row.kind, status: row.status }),
    event: (row) => ({ name: "idea.created", payload: { ideaId: row.id } }),
  });
}
