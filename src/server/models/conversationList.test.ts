import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../test/support/factories.ts";
import { closeServices, testServices } from "../../../test/support/relais.ts";
import type { Actor } from "../auth/actor.ts";
import type { DB } from "../db/schema.ts";
import { ZConversationListQuery } from "../routes/api/conversations/schema.ts";
import type { Services } from "../services.ts";
import { conversationPageQuery, listConversations, slaFilter } from "./conversationList.ts";
import { selectConversationRows } from "./conversations.ts";
import { refreshSlaDueKey } from "./slaClocks.ts";

const MINUTE = 60_000;

/** The inbox's SLA filters and sort, and the indexes that serve them. */
describe("conversation list: breached, breaching soon, nearest due time first", () => {
  let services: Services;
  let actor: Actor;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    services = await testServices();
    const { account, user } = await createAccount(services);
    actor = { accountId: account.id, userId: user.id, role: "admin", via: "token" };
    const contact = await services.db
      .insertInto("contacts")
      .values({ account_id: account.id, name: "Inès" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const now = Date.now();
    // name → [due in minutes (null: paused), breached, met, warning minutes]
    const clocks: Record<string, [number | null, boolean, boolean, number | null]> = {
      breached: [-30, true, false, null],
      soon: [40, false, false, null],
      warned: [150, false, false, 180],
      later: [300, false, false, 30],
      met: [-10, false, true, null],
      paused: [null, false, false, null],
    };
    let number = 0;
    for (const [name, [due, breached, met, warn]] of Object.entries(clocks)) {
      number += 1;
      const conversation = await services.db
        .insertInto("conversations")
        .values({ account_id: account.id, contact_id: contact.id, number, subject: name })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids[name] = conversation.id;
      const dueAt = due === null ? null : new Date(now + due * MINUTE);
      await services.db
        .insertInto("sla_clocks")
        .values({
          account_id: account.id,
          conversation_id: conversation.id,
          policy_name: "Standard",
          target: "firstResponse",
          target_minutes: 60,
          warn_before_minutes: warn,
          hours: "always",
          basis: "test",
          started_at: new Date(now - 60 * MINUTE),
          remaining_minutes: 60,
          running_since: dueAt ? new Date(now - 60 * MINUTE) : null,
          due_at: dueAt,
          warn_at: dueAt && warn ? new Date(dueAt.getTime() - warn * MINUTE) : null,
          paused_at: dueAt ? null : new Date(now),
          breached_at: breached ? new Date(now - 30 * MINUTE) : null,
          met_at: met ? new Date(now - 20 * MINUTE) : null,
        })
        .execute();
      await refreshSlaDueKey(services.db, account.id, conversation.id);
    }
  }, 60_000);
  afterAll(async () => {
    await closeServices(services);
  });

  const list = async (query: Record<string, string>) => {
    const page = await listConversations(services.db, actor, ZConversationListQuery.parse(query));
    return page.rows.map((row) => row.subject);
  };

  it("finds the breached conversations, and those breaching soon (within the hour or warned)", async () => {
    expect(await list({ sla: "breached" })).toEqual(["breached"]);
    expect((await list({ sla: "due_soon" })).sort()).toEqual(["soon", "warned"]);
  });

  it("sorts by the nearest due time of a running clock, those without one last, page by page", async () => {
    expect(await list({ sort: "sla_due" })).toEqual([
      "breached",
      "soon",
      "warned",
      "later",
      // No running clock with a due time: met, paused — in id order.
      ...["met", "paused"].sort((a, b) => ((ids[a] ?? "") < (ids[b] ?? "") ? -1 : 1)),
    ]);
    const first = await listConversations(
      services.db,
      actor,
      ZConversationListQuery.parse({ sort: "sla_due", limit: "2" }),
    );
    const second = await listConversations(
      services.db,
      actor,
      ZConversationListQuery.parse({ sort: "sla_due", limit: "2", cursor: first.nextCursor }),
    );
    expect(second.rows.map((row) => row.subject)).toEqual(["warned", "later"]);
  });

  /** With sequential scans priced out, PostgreSQL names the index it can serve the filter with. */
  async function plan(sla: "breached" | "due_soon") {
    return services.db.transaction().execute(async (trx: Kysely<DB>) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const compiled = selectConversationRows(trx, actor.accountId, actor.userId)
        .where(slaFilter(sla))
        .compile();
      const { rows } = await trx.executeQuery<Record<string, string>>({
        ...compiled,
        sql: `explain ${compiled.sql}`,
      });
      return rows.map((row) => Object.values(row).join(" ")).join("\n");
    });
  }

  it("the nearest-due sort reads the conversations in key order from their index", async () => {
    await sql`analyze conversations`.execute(services.db);
    const plan = await services.db.transaction().execute(async (trx: Kysely<DB>) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const compiled = conversationPageQuery(
        trx,
        actor,
        ZConversationListQuery.parse({ sort: "sla_due", status: "open" }),
      ).compile();
      const { rows } = await trx.executeQuery<Record<string, string>>({
        ...compiled,
        sql: `explain ${compiled.sql}`,
      });
      return rows.map((row) => Object.values(row).join(" ")).join("\n");
    });
    expect(plan).toContain("conversations_sla_due");
    // Served in index order: no sort of the account's conversations by a computed key.
    expect(plan).not.toMatch(/Sort Key: .*sla_due_key/);
  });

  it("each SLA filter reads its own partial index of the clocks", async () => {
    await sql`analyze sla_clocks, conversations`.execute(services.db);
    expect(await plan("breached")).toContain("sla_clocks_breached");
    expect(await plan("due_soon")).toContain("sla_clocks_running");
  });
});
