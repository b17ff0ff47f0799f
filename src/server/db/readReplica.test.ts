import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createAccount } from "../../../test/support/factories.ts";
import { apiClient } from "../../../test/support/http.ts";
import { createDatabaseFromTemplate } from "../../../test/support/postgres.ts";
import { startTestRelais, testDatabase } from "../../../test/support/relais.ts";
import { loadEnv } from "../env.ts";
import { seedConversations } from "../reports/testing.ts";
import type { Services } from "../services.ts";
import { type Database, openDatabase } from "./database.ts";

/**
 * DATABASE_READ_URL (docs/scaling.md): reports and searches read on the replica, everything else
 * on DATABASE_URL. The "replica" here is a second database on the same server, so what each
 * query read is plain: rows written only there are found by reports and searches alone, and what
 * the API writes lands on the primary only.
 */
describe.runIf(testDatabase() === "postgres")("DATABASE_READ_URL on PostgreSQL", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let replica: Database;

  beforeAll(async () => {
    const readUrl = await createDatabaseFromTemplate(inject("postgresTemplate"));
    replica = await openDatabase({ url: readUrl });
    relais = await startTestRelais({ DATABASE_READ_URL: readUrl });
  });
  afterAll(async () => {
    await relais?.stop();
    await replica?.close();
  });

  /** An account on the primary, copied row for row to the replica (as replication would). */
  async function accountOnBoth() {
    const seed = await createAccount(relais.services);
    const { rows } = await sql<{ row: unknown }>`
      select row_to_json(a) as row from accounts a where id = ${seed.account.id}`.execute(
      relais.services.db,
    );
    await sql`insert into accounts
      select * from json_populate_record(null::accounts, ${JSON.stringify(rows[0]?.row)}::json)`.execute(
      replica.db,
    );
    return { ...seed, api: apiClient(relais.url, seed.token) };
  }

  it("searches contacts and conversations on the replica; lists and writes stay on the primary", async () => {
    const { account, api } = await accountOnBoth();
    // Only the replica has Ysolde and her conversation about a "parapluie".
    await seedConversations({ db: replica.db } as Services, account.id, [
      { messages: [{ direction: "in", at: new Date().toISOString(), text: "Mon parapluie" }] },
    ]);
    await replica.db
      .insertInto("contacts")
      .values({ account_id: account.id, name: "Ysolde Marqueur" })
      .execute();

    const contacts = await api.get("/api/v1/contacts?q=Ysolde");
    expect(contacts.status).toBe(200);
    expect(contacts.body.data.map((row: { name: string }) => row.name)).toEqual([
      "Ysolde Marqueur",
    ]);
    const found = await api.get("/api/v1/conversations?q=parapluie");
    expect(found.status).toBe(200);
    expect(found.body.data).toHaveLength(1);
    // Without a search, the same lists read the primary, which has neither.
    expect((await api.get("/api/v1/contacts")).body.data).toEqual([]);
    expect((await api.get("/api/v1/conversations")).body.data).toEqual([]);

    // A write goes to the primary only.
    const label = await api.post("/api/v1/labels", { name: "Réplique", colour: "grape" });
    expect(label.status).toBe(201);
    const labelsOn = (db: Database["db"]) =>
      db.selectFrom("labels").select("name").where("account_id", "=", account.id).execute();
    expect(await labelsOn(relais.services.db)).toEqual([{ name: "Réplique" }]);
    expect(await labelsOn(replica.db)).toEqual([]);
  });

  it("computes reports on the replica", async () => {
    const { account, api } = await accountOnBoth();
    await seedConversations({ db: replica.db } as Services, account.id, [
      { messages: [{ direction: "in", at: "2026-11-17T09:00:00Z" }] },
      { messages: [{ direction: "in", at: "2026-11-18T09:00:00Z" }] },
    ]);
    const period = "from=2026-11-16T00:00:00Z&to=2026-11-21T00:00:00Z";
    const overview = await api.get(`/api/v1/reports/overview?${period}`);
    expect(overview.status).toBe(200);
    expect(overview.body.conversations).toBe(2);
    const volume = await api.get(`/api/v1/reports/volume?${period}`);
    expect(volume.status).toBe(200);
    const total = (volume.body.data as Array<{ conversations: number }>).reduce(
      (sum, row) => sum + row.conversations,
      0,
    );
    expect(total).toBe(2);
  });

  it("opens the replica read-only: a write sent there by mistake fails", async () => {
    await expect(
      relais.services.readDb.insertInto("accounts").values({ name: "x", slug: "x" }).execute(),
    ).rejects.toThrow(/read-only/);
  });
});

describe("DATABASE_READ_URL settings", () => {
  it("needs DATABASE_URL: the embedded database has no replica", () => {
    expect(() => loadEnv({ DATABASE_READ_URL: "postgres://replica.example/relais" })).toThrow(
      /DATABASE_READ_URL: a read replica needs DATABASE_URL/,
    );
    expect(
      loadEnv({
        DATABASE_URL: "postgres://primary.example/relais",
        DATABASE_READ_URL: "postgres://replica.example/relais",
      }).DATABASE_READ_URL,
    ).toBe("postgres://replica.example/relais");
  });
});
