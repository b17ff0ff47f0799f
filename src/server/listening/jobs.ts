import { z } from "zod";
import type { Processor } from "../jobs/processor.ts";
import type { TaskDefinition } from "../jobs/queue.ts";
import type { Services } from "../services.ts";
import { deliverListeningAlert } from "./alertDelivery.ts";
import { pollListeningQuery } from "./poller.ts";
import { DELIVER_LISTENING_ALERT } from "./spikes.ts";

export const POLL_LISTENING = "poll-listening-query";
const ZPollListening = z.object({ accountId: z.uuid(), queryId: z.uuid() });

/**
 * Polls one listening query, then schedules its next poll after `poll_seconds`. "Stately" per
 * query: never two polls of one query at once.
 */
export const pollListeningTask: TaskDefinition<z.infer<typeof ZPollListening>, Services> = {
  name: POLL_LISTENING,
  schema: ZPollListening,
  retryLimit: 2,
  retryDelaySeconds: 10,
  expireInSeconds: 600,
  policy: "stately",
  async run(services, payload) {
    const query = await services.db
      .selectFrom("listening_queries")
      .selectAll()
      .where("account_id", "=", payload.accountId)
      .where("id", "=", payload.queryId)
      .executeTakeFirst();
    if (!query) return;
    try {
      await pollListeningQuery(services, query);
    } finally {
      await scheduleListeningPoll(services, query.account_id, query.id, query.poll_seconds);
    }
  },
};

export async function scheduleListeningPoll(
  services: Services,
  accountId: string,
  queryId: string,
  afterSeconds: number,
) {
  await services.queue.send(
    services.db,
    POLL_LISTENING,
    { accountId, queryId },
    {
      singletonKey: queryId,
      startAfter: new Date(Date.now() + afterSeconds * 1000),
      allowDuplicate: true,
    },
  );
}

/** Every minute: every query has a poll waiting (a new query, a chain a crash stopped). */
export const ensureListeningTask: TaskDefinition<Record<string, unknown>, Services> = {
  name: "ensure-listening-pollers",
  schema: z.object({}).passthrough(),
  retryLimit: 0,
  retryDelaySeconds: 30,
  async run(services) {
    let after: { accountId: string; id: string } | null = null;
    for (;;) {
      const rows = await services.db
        .selectFrom("listening_queries")
        .select(["account_id", "id", "poll_seconds"])
        .$if(after !== null, (query) =>
          query.where((eb) =>
            eb(eb.refTuple("account_id", "id"), ">", eb.tuple(after!.accountId, after!.id)),
          ),
        )
        .orderBy("account_id")
        .orderBy("id")
        .limit(200)
        .execute();
      for (const row of rows) await scheduleListeningPoll(services, row.account_id, row.id, 0);
      const last = rows.at(-1);
      if (!last || rows.length < 200) return;
      after = { accountId: last.account_id, id: last.id };
    }
  },
};

/** A new or changed query polls at once. */
export const listeningPollersProcessor: Processor = {
  name: "listening-pollers",
  events: ["listening_query.created", "listening_query.updated"],
  async handle(services, event) {
    const queryId = event.payload.queryId;
    if (typeof queryId !== "string") return;
    await scheduleListeningPoll(services, event.accountId, queryId, 0);
  },
};

const ZDeliverAlert = z.object({
  accountId: z.uuid(),
  alertId: z.uuid(),
  target: z.enum(["webhook", "email"]),
});

/** The spike's signed webhook or its email, retried on failure. */
export const deliverListeningAlertTask: TaskDefinition<z.infer<typeof ZDeliverAlert>, Services> = {
  name: DELIVER_LISTENING_ALERT,
  schema: ZDeliverAlert,
  retryLimit: 5,
  retryDelaySeconds: 30,
  async run(services, payload) {
    await deliverListeningAlert(services, payload);
  },
};
