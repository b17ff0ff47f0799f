import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import { recordEvents } from "../events/outbox.ts";

/** Clocks handled per statement: the sweep works through a backlog in bounded batches. */
export const SWEEP_BATCH = 200;

type Stage = "warning" | "breached";

const COLUMNS = {
  warning: { at: "warn_at", done: "warned_at" },
  breached: { at: "due_at", done: "breached_at" },
} as const;

/**
 * Marks, in one statement per batch, the running clocks whose warning or due time has come
 * (found on the partial indexes `sla_clocks_warn` / `sla_clocks_due`), and writes for each, in
 * the same transaction, the `sla.<stage>` event (rules, live view) and the notification for the
 * assignee, or the team when unassigned. The update only takes rows not yet marked, so two
 * workers sweeping at once announce each clock exactly once.
 */
async function sweepStage(db: Kysely<DB>, stage: Stage, now: Date): Promise<number> {
  const { at, done } = COLUMNS[stage];
  let total = 0;
  for (;;) {
    const count = await db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom("sla_clocks")
        .select(["account_id", "id"])
        .where(at, "<=", now)
        .where(done, "is", null)
        .where("met_at", "is", null)
        .where("superseded_at", "is", null)
        .orderBy(at)
        .limit(SWEEP_BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length === 0) return 0;
      const marked = await trx
        .updateTable("sla_clocks")
        .set((eb) => ({ [done]: eb.ref(at) }))
        .where("account_id", "in", [...new Set(due.map((row) => row.account_id))])
        .where(
          "id",
          "in",
          due.map((row) => row.id),
        )
        .where(done, "is", null)
        .returning(["account_id", "id", "conversation_id", "target", "due_at"])
        .execute();
      if (marked.length === 0) return 0;
      const owners = await trx
        .selectFrom("conversations")
        .select(["account_id", "id", "assignee_id", "team_id"])
        .where((eb) =>
          eb.or(
            marked.map((clock) =>
              eb.and([
                eb("account_id", "=", clock.account_id),
                eb("id", "=", clock.conversation_id),
              ]),
            ),
          ),
        )
        .execute();
      await recordEvents(
        trx,
        marked.flatMap((clock) => {
          const owner = owners.find(
            (row) => row.account_id === clock.account_id && row.id === clock.conversation_id,
          );
          const payload = {
            conversationId: clock.conversation_id,
            target: clock.target,
            dueAt: clock.due_at ? new Date(clock.due_at).toISOString() : undefined,
          };
          return [
            { accountId: clock.account_id, name: `sla.${stage}` as const, payload },
            {
              accountId: clock.account_id,
              name: "notification.created" as const,
              payload: {
                ...payload,
                ...(owner?.assignee_id
                  ? { userId: owner.assignee_id }
                  : owner?.team_id
                    ? { teamId: owner.team_id }
                    : {}),
                changes: [`sla.${stage}`],
              },
            },
          ];
        }),
      );
      return marked.length;
    });
    total += count;
    if (count < SWEEP_BATCH) return total;
  }
}

/** Announces every SLA warning and breach that has come: warnings first. */
export async function slaSweeper(db: Kysely<DB>, now = new Date()) {
  const warned = await sweepStage(db, "warning", now);
  const breached = await sweepStage(db, "breached", now);
  return { warned, breached };
}
