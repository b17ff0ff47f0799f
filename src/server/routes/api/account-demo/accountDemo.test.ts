import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedContact } from "../../../../../test/support/contacts.ts";
import {
  createAccount,
  createApiChannel,
  createUser,
} from "../../../../../test/support/factories.ts";
import { apiClient } from "../../../../../test/support/http.ts";
import { closeServices, testServices } from "../../../../../test/support/relais.ts";
import { useTestRelais } from "../../../../../test/support/useRelais.ts";
import { fillDemo } from "../../../admin/demo/index.ts";
import { cannedReplyCreator } from "../../../commands/cannedReplyCreator.ts";
import { demoDataDeleter } from "../../../commands/demoDataDeleter.ts";
import { nextConversationNumber } from "../../../models/conversations.ts";
import { countDemo, demoIds } from "../../../models/demoRecords.ts";
import type { Services } from "../../../services.ts";

/** The demo itself, without workers: its social channels would otherwise poll real networks. */
describe("deleting demo data", { timeout: 240_000 }, () => {
  let services: Services;
  beforeAll(async () => {
    services = await testServices();
  }, 240_000);
  afterAll(async () => {
    await closeServices(services);
  });

  it("removes exactly what the demo created, keeps what the team made, and audits it", async () => {
    const { account, user } = await createAccount(services);
    const accountId = account.id;
    const actor = { accountId, userId: user.id, role: "admin" as const, via: "token" as const };
    await fillDemo(services, { accountId, adminId: user.id, progress: () => {} });
    const demo = countDemo(await demoIds(services.db, accountId));
    // The setup screen and the README say so: one channel of each kind but the shop ones.
    expect(demo.channels).toBe(10);
    expect(demo.conversations).toBeGreaterThan(5);
    expect(demo.users).toBe(2);
    expect(demo.teams).toBe(3);

    // The team's own work, after the demo: a channel, a customer and their conversation, a
    // canned reply, a colleague, and a new conversation with a customer the demo made.
    const { channel } = await createApiChannel(services, accountId);
    const customer = await seedContact(services, accountId, { name: "Cliente", conversations: 1 });
    await cannedReplyCreator(services.db, {
      actor,
      reply: { shortcut: "equipe", title: "De l'équipe", bodyFr: "Bonjour", bodyEn: null },
    });
    const colleague = await createUser(services, accountId, "agent");
    const demoContact = await services.db
      .selectFrom("contacts")
      .select("id")
      .where("account_id", "=", accountId)
      .where("id", "in", (await demoIds(services.db, accountId)).contacts)
      .executeTakeFirstOrThrow();
    const again = await services.db
      .insertInto("conversations")
      .values({
        account_id: accountId,
        number: await nextConversationNumber(services.db, accountId),
        contact_id: demoContact.id,
        channel_id: channel.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    const deleted = await demoDataDeleter(services.db, { actor });
    expect(deleted).toMatchObject({
      channels: demo.channels,
      conversations: demo.conversations,
      users: 2,
      teams: 3,
      contacts: demo.contacts - 1,
    });

    const left = async (table: "channels" | "conversations" | "users" | "teams" | "contacts") =>
      (
        await services.db
          .selectFrom(table)
          .select("id")
          .where("account_id", "=", accountId)
          .execute()
      )
        .map((row) => row.id)
        .sort();
    expect(await left("channels")).toEqual([channel.id]);
    expect(await left("conversations")).toEqual([...customer.conversationIds, again.id].sort());
    expect(await left("contacts")).toEqual([customer.id, demoContact.id].sort());
    expect(await left("users")).toEqual([user.id, colleague.id].sort());
    expect(await left("teams")).toEqual([]);
    const canned = await services.db
      .selectFrom("canned_replies")
      .select("shortcut")
      .where("account_id", "=", accountId)
      .execute();
    expect(canned.map((row) => row.shortcut)).toEqual(["equipe"]);
    const rules = await services.db
      .selectFrom("rules")
      .select("id")
      .where("account_id", "=", accountId)
      .execute();
    expect(rules).toEqual([]);

    const audit = await services.db
      .selectFrom("audit_log")
      .select(["action", "data", "actor_user_id"])
      .where("account_id", "=", accountId)
      .where("action", "=", "account.demo_delete")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_user_id: user.id,
      data: { deleted: { channels: demo.channels, users: 2 } },
    });
    await expect(demoDataDeleter(services.db, { actor })).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe("/api/v1/account/demo and /api/v1/account", { timeout: 120_000 }, () => {
  const relais = useTestRelais();

  it("counts and deletes the demo's records for admins only; 404 once gone", async () => {
    const { services } = relais();
    const { account, token } = await createAccount(services);
    const { channel } = await createApiChannel(services, account.id);
    const kept = await createApiChannel(services, account.id);
    await services.db
      .insertInto("demo_records")
      .values({ account_id: account.id, table_name: "channels", record_id: channel.id })
      .execute();
    const agent = await createUser(services, account.id, "agent");
    const agentApi = apiClient(relais().url, agent.token);
    expect((await agentApi.get("/api/v1/account/demo")).status).toBe(403);
    expect((await agentApi.delete("/api/v1/account/demo")).status).toBe(403);

    const api = apiClient(relais().url, token);
    const before = await api.get("/api/v1/account/demo");
    expect(before.body.data).toMatchObject({ present: true, counts: { channels: 1, users: 0 } });
    const deleted = await api.delete("/api/v1/account/demo");
    expect(deleted.status).toBe(200);
    expect(deleted.body.data.deleted).toMatchObject({ channels: 1, conversations: 0 });
    const channels = (await api.get("/api/v1/channels")).body.data as Array<{ id: string }>;
    expect(channels.map((row) => row.id)).toEqual([kept.channel.id]);
    expect((await api.get("/api/v1/account/demo")).body.data.present).toBe(false);
    const again = await api.delete("/api/v1/account/demo");
    expect(again.status).toBe(404);
    expect(again.body.error.id).toBe("not_found");
  });

  it("keeps the business name customers see; empty means the organisation's name", async () => {
    const { token } = await createAccount(relais().services);
    const api = apiClient(relais().url, token);
    const patched = await api.patch("/api/v1/account", {
      name: "Maison Lumière SAS",
      publicName: "Maison Lumière",
      timeZone: "UTC",
      locale: "en",
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({
      name: "Maison Lumière SAS",
      publicName: "Maison Lumière",
      timeZone: "UTC",
      locale: "en",
    });
    const cleared = await api.patch("/api/v1/account", { publicName: "" });
    expect(cleared.body.data.publicName).toBeNull();
  });
});
