import { type Compilable, type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../test/support/factories.ts";
import { closeServices, testServices } from "../../../test/support/relais.ts";
import { CATEGORIES } from "../../shared/enums.ts";
import { silentSessions } from "../channels/chat/visitorSweep.ts";
import { createEmailChannel } from "../channels/email/testing/channels.ts";
import { dueSnoozed, snoozeWaker } from "../commands/snoozeWaker.ts";
import { urgencyRefresher, waitingBatch } from "../commands/urgencyRefresher.ts";
import type { DB } from "../db/schema.ts";
import { prunableEvents, pruneEvents } from "../events/prune.ts";
import type { Services } from "../services.ts";
import { ensurePollers } from "./tasks/ensurePollers.ts";
import { POLL_CHANNEL } from "./tasks/pollChannel.ts";

/**
 * The periodic jobs stay cheap as the database grows: each works in bounded batches (more rows
 * than one batch here, so the loop is exercised) and each batch query is served by an index.
 */
describe("periodic jobs: bounded batches on an index", () => {
  let services: Services;
  beforeAll(async () => {
    services = await testServices();
  }, 60_000);
  afterAll(async () => {
    await closeServices(services);
  });

  /** `count` conversations of a fresh account, with the given extra columns (SQL). */
  async function conversations(count: number, columns: string, values: string) {
    const { account } = await createAccount(services);
    const contact = await services.db
      .insertInto("contacts")
      .values({ account_id: account.id, name: "Client" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await sql
      .raw(
        `insert into conversations (account_id, number, contact_id, ${columns})
         select '${account.id}', n, '${contact.id}', ${values} from generate_series(1, ${count}) n`,
      )
      .execute(services.db);
    return account.id;
  }

  it("wakes every due snoozed conversation, over several batches, with one event each", async () => {
    const accountId = await conversations(
      620,
      "status, snoozed_until",
      "'snoozed', now() - interval '1 minute'",
    );
    const woken = await snoozeWaker(services.db);
    expect(woken).toBeGreaterThanOrEqual(620);
    const left = await services.db
      .selectFrom("conversations")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("account_id", "=", accountId)
      .where("status", "=", "snoozed")
      .executeTakeFirstOrThrow();
    expect(left.n).toBe(0);
    const events = await services.db
      .selectFrom("events")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("account_id", "=", accountId)
      .where("name", "=", "conversation.updated")
      .executeTakeFirstOrThrow();
    expect(events.n).toBe(620);
  });

  it("refreshes the urgency of every waiting conversation, over several batches", async () => {
    const accountId = await conversations(
      620,
      "status, waiting_since, triaged_at, category, sentiment, sentiment_score, urgency_score",
      `'open', now() - (n || ' minutes')::interval, now(), '${CATEGORIES[0]}', 'negative', -0.8, 0`,
    );
    const changed = await urgencyRefresher(services.db);
    expect(changed).toBeGreaterThanOrEqual(620);
    const stale = await services.db
      .selectFrom("conversations")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("account_id", "=", accountId)
      .where("urgency_score", "=", 0)
      .executeTakeFirstOrThrow();
    expect(stale.n).toBe(0);
    // Nothing changed since: a second pass writes nothing.
    expect(await urgencyRefresher(services.db)).toBe(0);
  });

  it("prunes published events past the retention, never unpublished or recent ones", async () => {
    const { account } = await createAccount(services);
    await sql
      .raw(
        `insert into events (account_id, name, payload, published_at, created_at)
         select '${account.id}', 'conversation.updated', '{}'::jsonb,
                case when n <= 1100 then now() - interval '8 days'
                     when n <= 1110 then now() - interval '1 day' end,
                now() - interval '8 days'
           from generate_series(1, 1120) n`,
      )
      .execute(services.db);
    const pruned = await pruneEvents(services.db, 7);
    expect(pruned).toBeGreaterThanOrEqual(1100);
    const left = await services.db
      .selectFrom("events")
      .select([
        sql<number>`count(*) filter (where published_at is null)::int`.as("unpublished"),
        sql<number>`count(*) filter (where published_at is not null)::int`.as("recent"),
      ])
      .where("account_id", "=", account.id)
      .where("name", "=", "conversation.updated")
      .executeTakeFirstOrThrow();
    expect(left).toEqual({ unpublished: 10, recent: 10 });
  });

  /**
   * The plan of each batch query, with sequential scans priced out (`enable_seqscan = off`):
   * PostgreSQL then uses an index whenever one can serve the query, and falls back to a Seq Scan
   * only when none can. So "no Seq Scan, and this index named" holds with the few thousand rows
   * of a test database — where, left alone, a Seq Scan is simply cheaper.
   */
  async function plan(query: Compilable) {
    return services.db.transaction().execute(async (trx: Kysely<DB>) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const compiled = query.compile();
      const { rows } = await trx.executeQuery<Record<string, string>>({
        ...compiled,
        sql: `explain ${compiled.sql}`,
      });
      return rows.map((row) => Object.values(row).join(" ")).join("\n");
    });
  }

  it("each periodic query is served by its index, not a scan of the table", async () => {
    // Statistics as the server's autovacuum would keep them, after the rows the tests above made.
    await sql`analyze conversations, events, chat_sessions`.execute(services.db);
    const now = new Date();
    const cases: Array<[string, Compilable, string, string]> = [
      ["snooze waker", dueSnoozed(services.db, now), "conversations", "conversations_snoozed"],
      [
        "urgency refresher",
        waitingBatch(services.db, null),
        "conversations",
        "conversations_waiting",
      ],
      [
        "urgency refresher, next batch",
        waitingBatch(services.db, {
          waitingSince: now,
          accountId: "00000000-0000-4000-8000-000000000000",
          id: "00000000-0000-4000-8000-000000000000",
        }),
        "conversations",
        "conversations_waiting",
      ],
      ["event pruning", prunableEvents(services.db, now), "events", "events_published"],
      [
        "silent visitors",
        silentSessions(services.db, now),
        "chat_sessions",
        "chat_sessions_unwritten",
      ],
    ];
    for (const [job, query, table, index] of cases) {
      const text = await plan(query);
      expect(text, job).not.toContain(`Seq Scan on ${table}`);
      expect(text, job).toContain(index);
    }
  });

  it("restarts the poll of every enabled channel that polls, page by page, and of no other", async () => {
    const { account } = await createAccount(services);
    const imapUrl = "imap://relais:secret@127.0.0.1:1/INBOX";
    const polling = await Promise.all(
      [1, 2, 3].map(
        async () => (await createEmailChannel(services, account.id, { imapUrl })).channel,
      ),
    );
    const withoutImap = (await createEmailChannel(services, account.id)).channel;
    const disabled = (await createEmailChannel(services, account.id, { imapUrl })).channel;
    await services.db
      .updateTable("channels")
      .set({ disabled_at: new Date() })
      .where("account_id", "=", account.id)
      .where("id", "=", disabled.id)
      .execute();

    await ensurePollers(services, 2);
    const polled = await sql<{ channel_id: string }>`
      select distinct data->>'channelId' as channel_id from pgboss.job
      where name = ${POLL_CHANNEL} and data->>'accountId' = ${account.id}`.execute(services.db);
    expect(polled.rows.map((row) => row.channel_id).sort()).toEqual(
      polling.map((channel) => channel.id).sort(),
    );
    expect(polled.rows.map((row) => row.channel_id)).not.toContain(withoutImap.id);
  });
});
