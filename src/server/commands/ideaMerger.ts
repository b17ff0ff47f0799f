import { type Kysely, sql } from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { DB } from "../db/schema.ts";
import { notFound, unprocessable } from "../errors.ts";
import { recordAudit, recordEvents } from "../events/outbox.ts";

/**
 * Merges one idea into another, in one transaction: the source's conversations join the target
 * (a conversation linked to both counts once), so every customer who gave either is one vote of
 * the target; customers already told of a status by the source are not told of it again by the
 * target; the source is deleted.
 */
export async function ideaMerger(
  db: Kysely<DB>,
  props: { actor: Actor; sourceId: string; targetId: string },
): Promise<{ movedLinks: number }> {
  const { actor, sourceId, targetId } = props;
  const accountId = actor.accountId;
  if (sourceId === targetId) {
    throw unprocessable("same_idea", "An idea cannot be merged into itself.");
  }
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("ideas")
      .select(["id", "title"])
      .where("account_id", "=", accountId)
      .where("id", "in", [sourceId, targetId])
      .orderBy("id")
      .forUpdate()
      .execute();
    const source = rows.find((row) => row.id === sourceId);
    const target = rows.find((row) => row.id === targetId);
    if (!source || !target) throw notFound("Idea");
    const moved = await sql<{ id: string }>`
      update idea_links s set idea_id = ${targetId}
      where s.account_id = ${accountId} and s.idea_id = ${sourceId}
        and not exists (select 1 from idea_links t where t.account_id = s.account_id
          and t.idea_id = ${targetId} and t.conversation_id = s.conversation_id)
      returning s.id`.execute(trx);
    await sql`
      update idea_notices s set idea_id = ${targetId}
      where s.account_id = ${accountId} and s.idea_id = ${sourceId}
        and not exists (select 1 from idea_notices t where t.account_id = s.account_id
          and t.idea_id = ${targetId} and t.contact_id = s.contact_id and t.status = s.status)`.execute(
      trx,
    );
    await trx
      .deleteFrom("ideas")
      .where("account_id", "=", accountId)
      .where("id", "=", sourceId)
      .execute();
    await recordEvents(trx, [
      {
        accountId,
        name: "idea.updated",
        payload: { ideaId: targetId, mergedIdeaId: sourceId, changes: ["links"] },
        actorUserId: actor.userId,
      },
      {
        accountId,
        name: "idea.deleted",
        payload: { ideaId: sourceId },
        actorUserId: actor.userId,
      },
    ]);
    const data = { sourceId, sourceTitle: source.title, targetId, movedLinks: moved.rows.length };
    for (const subjectId of [targetId, sourceId]) {
      await recordAudit(trx, {
        accountId,
        actorUserId: actor.userId,
        action: "idea.merge",
        subjectType: "idea",
        subjectId,
        data,
      });
    }
    return { movedLinks: moved.rows.length };
  });
}
