import { z } from "zod";
import { recordEvent } from "../events/outbox.ts";
import type { TaskDefinition } from "../jobs/queue.ts";
import type { Services } from "../services.ts";

const ZRemindCallbacks = z.object({}).passthrough();

/**
 * Every minute: each callback whose time has come is announced once to its agent (or, with
 * none, to its team) as a `notification.created` live event. Marking it reminded and writing
 * the event happen in one transaction, so a reminder is neither lost nor doubled.
 */
export async function callbackReminder(services: Pick<Services, "db">, now = new Date()) {
  const due = await services.db
    .selectFrom("callbacks")
    .select(["account_id", "id"])
    .where("status", "=", "scheduled")
    .where("reminded_at", "is", null)
    .where("scheduled_at", "<=", now)
    .orderBy("scheduled_at")
    .limit(200)
    .execute();
  let reminded = 0;
  for (const row of due) {
    const done = await services.db.transaction().execute(async (trx) => {
      const callback = await trx
        .updateTable("callbacks")
        .set({ reminded_at: now })
        .where("account_id", "=", row.account_id)
        .where("id", "=", row.id)
        .where("reminded_at", "is", null)
        .where("status", "=", "scheduled")
        .returningAll()
        .executeTakeFirst();
      if (!callback) return false;
      await recordEvent(trx, {
        accountId: callback.account_id,
        name: "notification.created",
        payload: {
          conversationId: callback.conversation_id,
          contactId: callback.contact_id,
          userId: callback.assignee_id ?? undefined,
          teamId: callback.team_id ?? undefined,
          changes: ["callback.due"],
        },
      });
      return true;
    });
    if (done) reminded += 1;
  }
  return reminded;
}

export const remindCallbacksTask: TaskDefinition<z.infer<typeof ZRemindCallbacks>, Services> = {
  name: "remind-callbacks",
  schema: ZRemindCallbacks,
  retryLimit: 0,
  retryDelaySeconds: 30,
  async run(services) {
    const reminded = await callbackReminder(services);
    if (reminded > 0) services.log.info({ reminded }, "callback reminders sent");
  },
};
