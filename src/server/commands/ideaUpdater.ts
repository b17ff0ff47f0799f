import type { Kysely } from "kysely";
import { isAnnounced, type TIdeaUpdateRequest } from "../../shared/ideas.ts";
import type { Actor } from "../auth/actor.ts";
import type { Idea } from "../db/schema/ideas.ts";
import type { DB } from "../db/schema.ts";
import { ANNOUNCE_IDEA_STATUS, type AnnounceIdeaStatus } from "../ideas/announcer.ts";
import { updateOwned } from "../models/owned.ts";
import type { Services } from "../services.ts";
import { changeRecorder } from "./changeRecorder.ts";

/**
 * Changes an idea. A status that becomes planned, shipped or declined is announced to every
 * linked customer: the job that tells them is enqueued in this transaction, so it exists if and
 * only if the change was committed (and tells each customer once, whatever happens next).
 */
export async function ideaUpdater(
  services: Pick<Services, "db" | "queue">,
  props: { actor: Actor; idea: Idea; changes: TIdeaUpdateRequest },
): Promise<Idea & { announced: boolean }> {
  const { actor, idea, changes } = props;
  const status = changes.status;
  const announce = status !== undefined && status !== idea.status && isAnnounced(status);
  const row = await changeRecorder(services.db as Kysely<DB>, {
    actor,
    action: "idea.update",
    subjectType: "idea",
    write: async (trx) => {
      const changed = await updateOwned(trx, "ideas", actor.accountId, idea.id, {
        title: changes.title,
        description: changes.description,
        kind: changes.kind,
        status,
        status_note: changes.statusNote === "" ? null : changes.statusNote,
        public: changes.public,
        updated_at: new Date(),
      });
      if (announce) {
        const payload: AnnounceIdeaStatus = { accountId: actor.accountId, ideaId: idea.id, status };
        await services.queue.send(trx, ANNOUNCE_IDEA_STATUS, payload);
      }
      return changed;
    },
    data: () => ({
      ...changes,
      ...(status !== undefined && status !== idea.status ? { previousStatus: idea.status } : {}),
      ...(announce ? { announced: true } : {}),
    }),
    event: (changed) => ({
      name: "idea.updated",
      payload: { ideaId: changed.id, changes: Object.keys(changes) },
    }),
  });
  return { ...row, announced: announce };
}
