import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createAccount, createUser } from "../../../../../test/support/factories.ts";
import { apiClient } from "../../../../../test/support/http.ts";
import { accountWithApiChannel } from "../../../../../test/support/inbox.ts";
import { useTestRelais } from "../../../../../test/support/useRelais.ts";
import { waitFor } from "../../../../../test/support/wait.ts";
import type { TLabel } from "../../../../shared/labels.ts";
import type { TConversation } from "../../../../shared/schemas.ts";

describe("/api/v1/labels", { timeout: 120_000 }, () => {
  const running = useTestRelais();

  /** An account with two conversations from its API channel, as the inbox lists them. */
  async function accountWithConversations() {
    const { account, api, send } = await accountWithApiChannel(running());
    await send("m-1", "c-m-1", "Mon colis est arrivé cassé, l'écran est fissuré.");
    await send("m-2", "c-m-2", "Bonjour, je voudrais changer mon adresse de livraison.");
    const rows: TConversation[] = await waitFor(async () => {
      const data = (await api.get("/api/v1/conversations?status=open")).body.data;
      return data.length === 2 ? data : null;
    });
    return { account, api, rows };
  }

  it("creates, lists with counts, renames on conversations, filters the inbox, deletes", async () => {
    const { api, rows } = await accountWithConversations();
    const [first, second] = rows as [TConversation, TConversation];
    const created = await api.post("/api/v1/labels", { name: "VIP", colour: "grape" });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ name: "VIP", colour: "grape", description: null });
    const other = await api.post("/api/v1/labels", { name: "Casse" });
    expect(other.body.data.colour).toBe("blue");
    const duplicate = await api.post("/api/v1/labels", { name: "vip" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.id).toBe("label_exists");
    const invalid = await api.post("/api/v1/labels", { name: "a,b", colour: "chartreuse" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.id).toBe("validation_failed");

    await api.patch(`/api/v1/conversations/${first.id}`, { labels: ["VIP", "Casse"] });
    await api.patch(`/api/v1/conversations/${second.id}`, { labels: ["Casse"] });
    const listed = (await api.get("/api/v1/labels")).body.data as TLabel[];
    expect(listed.map((label) => [label.name, label.conversationCount])).toEqual([
      ["Casse", 2],
      ["VIP", 1],
    ]);

    const filtered = await api.get("/api/v1/conversations?label=VIP");
    expect(filtered.body.data.map((row: TConversation) => row.id)).toEqual([first.id]);
    expect(filtered.body.data[0].labels).toEqual(["VIP", "Casse"]);

    const renamed = await api.patch(`/api/v1/labels/${created.body.data.id}`, {
      name: "Client fidèle",
      colour: "teal",
    });
    expect(renamed.body.data).toMatchObject({ name: "Client fidèle", colour: "teal" });
    expect((await api.get(`/api/v1/conversations/${first.id}`)).body.data.labels).toEqual([
      "Client fidèle",
      "Casse",
    ]);
    expect((await api.get("/api/v1/conversations?label=VIP")).body.data).toEqual([]);
    const taken = await api.patch(`/api/v1/labels/${created.body.data.id}`, { name: "CASSE" });
    expect(taken.status).toBe(409);

    const deleted = await api.delete(`/api/v1/labels/${other.body.data.id}`);
    expect(deleted.body.data).toEqual({ deleted: true });
    expect((await api.get(`/api/v1/conversations/${first.id}`)).body.data.labels).toEqual([
      "Client fidèle",
    ]);
    expect((await api.get(`/api/v1/conversations/${second.id}`)).body.data.labels).toEqual([]);
    expect((await api.get(`/api/v1/labels/${other.body.data.id}`)).status).toBe(404);
  });

  it("lets agents read and apply labels, not manage them; hides other accounts' labels", async () => {
    const { account, api, rows } = await accountWithConversations();
    const label = (await api.post("/api/v1/labels", { name: "Urgent presse" })).body.data;
    const agent = apiClient(
      running().url,
      (await createUser(running().services, account.id)).token,
    );
    expect((await agent.get("/api/v1/labels")).body.data).toHaveLength(1);
    expect((await agent.post("/api/v1/labels", { name: "Autre" })).status).toBe(403);
    expect((await agent.patch(`/api/v1/labels/${label.id}`, { colour: "red" })).status).toBe(403);
    expect((await agent.delete(`/api/v1/labels/${label.id}`)).status).toBe(403);
    const conversation = rows[0] as TConversation;
    const applied = await agent.patch(`/api/v1/conversations/${conversation.id}`, {
      labels: ["Urgent presse"],
    });
    expect(applied.status).toBe(200);
    expect(applied.body.data.labels).toEqual(["Urgent presse"]);

    const foreign = apiClient(running().url, (await createAccount(running().services)).token);
    expect((await foreign.get("/api/v1/labels")).body.data).toEqual([]);
    expect((await foreign.get(`/api/v1/labels/${label.id}`)).status).toBe(404);
    expect((await foreign.patch(`/api/v1/labels/${label.id}`, { name: "x" })).status).toBe(404);
    expect((await foreign.delete(`/api/v1/labels/${label.id}`)).status).toBe(404);
    expect((await foreign.get("/api/v1/conversations?label=Urgent%20presse")).body.data).toEqual(
      [],
    );
    // A foreign rename of the same name leaves this account's conversations alone.
    const theirs = (await foreign.post("/api/v1/labels", { name: "Urgent presse" })).body.data;
    await foreign.patch(`/api/v1/labels/${theirs.id}`, { name: "Autre nom" });
    expect((await api.get(`/api/v1/conversations/${conversation.id}`)).body.data.labels).toEqual([
      "Urgent presse",
    ]);
  });

  it("serves the label filter from the conversations' GIN index", async () => {
    const { account, rows } = await accountWithConversations();
    const db = running().services.db;
    const contactId = (rows[0] as TConversation).contact.id;
    // An account with 3,000 conversations, one in a hundred labelled VIP.
    await sql`insert into conversations (account_id, contact_id, number, labels)
      select ${account.id}::uuid, ${contactId}::uuid, 1000 + n,
             case when n % 100 = 0 then array['VIP', 'Presse'] else array['Autre'] end
      from generate_series(1, 3000) as n`.execute(db);
    await sql`analyze conversations`.execute(db);
    // With sequential scans priced out (a table this small fits in a few pages), PostgreSQL
    // chooses between the account's b-tree and the labels' GIN index: 30 rows of 3,000.
    const plan = await db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const compiled = trx
        .selectFrom("conversations as c")
        .select("c.id")
        .where("c.account_id", "=", account.id)
        .where(sql<boolean>`c.labels @> array[${"VIP"}]::text[]`)
        .compile();
      const { rows } = await trx.executeQuery<Record<string, string>>({
        ...compiled,
        sql: `explain ${compiled.sql}`,
      });
      return rows.map((row) => Object.values(row).join(" ")).join("\n");
    });
    expect(plan).toContain("conversations_labels");
  });
});
