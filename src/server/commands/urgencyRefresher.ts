import { type Kysely, sql } from "kysely";
import type { Priority } from "../../shared/enums.ts";
import type { DB } from "../db/schema.ts";
import { type EventInput, recordEvents } from "../events/outbox.ts";
import { isCategory } from "../triage/categories.ts";
import { assessUrgency } from "../triage/index.ts";

/** Conversations read and written per transaction. */
const BATCH = 500;

type Cursor = { waitingSince: Date; accountId: string; id: string };

/**
 * One batch of waiting, triaged conversations after `cursor`, in the order of the
 * `conversations_waiting` index (waiting_since, account_id, id): a range scan, never the table.
 */
export function waitingBatch(db: Kysely<DB>, cursor: Cursor | null, limit = BATCH) {
  return db
    .selectFrom("conversations")
    .select([
      "account_id",
      "id",
      "waiting_since",
      "category",
      "sentiment",
      "sentiment_score",
      "visibility",
      "author_followers",
      "urgency_score",
      "priority",
      "priority_locked",
    ])
    .where("status", "=", "open")
    .where("waiting_since", "is not", null)
    .where("triaged_at", "is not", null)
    .$if(cursor !== null, (query) =>
      query.where(
        sql<boolean>`(waiting_since, account_id, id) > (${cursor?.waitingSince}, ${cursor?.accountId}, ${cursor?.id})`,
      ),
    )
    .orderBy("waiting_since")
    .orderBy("account_id")
    .orderBy("id")
    .limit(limit);
}

/**
 * Waiting raises urgency: refreshes the score and (unless set by hand) the priority of every
 * waiting conversation, a bounded batch at a time — each batch's changes in one UPDATE and its
 * events in one INSERT, in one transaction.
 */
export async function urgencyRefresher(db: Kysely<DB>, now = new Date()): Promise<number> {
  let changed = 0;
  let cursor: Cursor | null = null;
  for (;;) {
    const rows = await waitingBatch(db, cursor).execute();
    const changes: Array<{ row: (typeof rows)[number]; score: number; priority: Priority }> = [];
    for (const row of rows) {
      if (!isCategory(row.category) || !row.sentiment || !row.waiting_since) continue;
      const urgency = assessUrgency({
        sentiment: { label: row.sentiment, score: row.sentiment_score ?? 0 },
        visibility: row.visibility,
        followers: row.author_followers,
        waitingMinutes: (now.getTime() - new Date(row.waiting_since).getTime()) / 60_000,
        category: row.category,
      });
      const priority = row.priority_locked ? row.priority : urgency.priority;
      if (Math.abs((row.urgency_score ?? 0) - urgency.score) < 0.01 && priority === row.priority)
        continue;
      changes.push({ row, score: urgency.score, priority });
    }
    if (changes.length > 0) {
      await db.transaction().execute(async (trx) => {
        const values = changes.map(
          (change) =>
            sql`(${change.row.account_id}::uuid, ${change.row.id}::uuid, ${change.score}::real, ${change.priority}::text)`,
        );
        await sql`
          update conversations c
             set urgency_score = v.score, priority = v.priority
            from (values ${sql.join(values)}) as v(account_id, id, score, priority)
           where c.account_id = v.account_id and c.id = v.id`.execute(trx);
        const events: EventInput[] = changes
          .filter((change) => change.priority !== change.row.priority)
          .map((change) => ({
            accountId: change.row.account_id,
            name: "conversation.updated",
            payload: { conversationId: change.row.id, changes: ["priority"] },
          }));
        await recordEvents(trx, events);
      });
      changed += changes.length;
    }
    const last = rows.at(-1);
    if (rows.length < BATCH || !last?.waiting_since) return changed;
    cursor = { waitingSince: last.waiting_since, accountId: last.account_id, id: last.id };
  }
}
