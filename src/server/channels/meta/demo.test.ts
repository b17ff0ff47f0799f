import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createUser } from "../../../../test/support/factories.ts";
import { closeServices, testServices } from "../../../../test/support/relais.ts";
import { socialMetaDemo } from "../../admin/demo/social-meta.ts";
import type { Services } from "../../services.ts";

describe("the Facebook, Instagram and WhatsApp demo section", () => {
  let services: Services;
  beforeAll(async () => {
    services = await testServices();
  });
  afterAll(async () => {
    await closeServices(services);
  });

  it("stores each provider's parsed payloads as the conversations an agent would see", async () => {
    const { account, user } = await createAccount(services);
    const camille = await createUser(services, account.id, "agent");
    const sam = await createUser(services, account.id, "supervisor");
    const team = await services.db
      .insertInto("teams")
      .values({ account_id: account.id, name: "Livraisons", skills: JSON.stringify({}) })
      .returning("id")
      .executeTakeFirstOrThrow();
    const count = await socialMetaDemo.run(services, {
      accountId: account.id,
      people: { admin: user, camille, sam },
      teams: { delivery: team.id, tech: team.id },
      ago: (minutes) => new Date(Date.now() - minutes * 60_000),
    });
    expect(count).toBe(4);

    const conversations = await services.db
      .selectFrom("conversations as c")
      .innerJoin("channels as ch", "ch.id", "c.channel_id")
      .select(["c.id", "c.visibility", "c.external_thread_id", "ch.kind"])
      .where("c.account_id", "=", account.id)
      .orderBy("c.number")
      .execute();
    expect(conversations.map((c) => [c.kind, c.visibility])).toEqual([
      ["facebook", "public"],
      ["facebook", "private"],
      ["instagram", "public"],
      ["whatsapp", "private"],
    ]);
    expect(conversations[0]?.external_thread_id).toBe("104857600123456_122131676912594941");

    const thread = await services.db
      .selectFrom("messages")
      .select(["direction", "visibility"])
      .where("account_id", "=", account.id)
      .where("conversation_id", "=", conversations[0]?.id ?? "")
      .orderBy("created_at")
      .execute();
    expect(thread).toEqual([
      { direction: "in", visibility: "public" },
      { direction: "in", visibility: "public" },
      { direction: "out", visibility: "public" },
      { direction: "out", visibility: "private" },
      { direction: "out", visibility: "public" },
    ]);
    const whatsapp = await services.db
      .selectFrom("identities")
      .select(["kind", "value"])
      .where("account_id", "=", account.id)
      .where("kind", "in", ["whatsapp", "phone"])
      .orderBy("kind")
      .execute();
    expect(whatsapp).toEqual([
      { kind: "phone", value: "+33645781290" },
      { kind: "whatsapp", value: "33645781290" },
    ]);
  });
});
