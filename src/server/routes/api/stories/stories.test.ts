import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedOrder } from "../../../../../test/support/backoffice.ts";
import {
  createAccount,
  createApiChannel,
  createUser,
} from "../../../../../test/support/factories.ts";
import { apiClient, postSignedHook } from "../../../../../test/support/http.ts";
import { startTestRelais } from "../../../../../test/support/relais.ts";
import { waitFor } from "../../../../../test/support/wait.ts";
import type { TStory } from "../../../../shared/stories.ts";

const STARTUP_MS = 180_000;

describe("/api/v1/stories", { timeout: 120_000 }, () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  beforeAll(async () => {
    relais = await startTestRelais();
  }, STARTUP_MS);
  afterAll(async () => {
    await relais?.stop();
  });

  /** A French conversation: Marie Dupont writes, Julie (an agent) answers, a note in between. */
  async function conversationWithMarie() {
    const { account, token } = await createAccount(relais.services);
    const admin = apiClient(relais.url, token);
    const agent = await createUser(relais.services, account.id, "agent");
    const supervisor = await createUser(relais.services, account.id, "supervisor");
    const viewer = await createUser(relais.services, account.id, "viewer");
    await relais.services.db
      .updateTable("users")
      .set({ name: "Julie Martin" })
      .where("account_id", "=", account.id)
      .where("id", "=", agent.id)
      .execute();
    const { channel, secret } = await createApiChannel(relais.services, account.id);
    await seedOrder(relais.services, account.id, { number: "FR-48213", email: "marie@exemple.fr" });
    await postSignedHook(relais.url, channel.id, secret, {
      message: {
        id: "story-1",
        text:
          "Bonjour, ma commande FR-48213 n'est pas arrivée au 12 rue des Lilas, 75011 Paris. " +
          "Rappelez-moi au 06 12 34 56 78 ou écrivez à marie@exemple.fr.\n\nMarie",
      },
      contact: { id: "marie", name: "Marie Dupont", email: "marie@exemple.fr" },
    });
    const conversation = await waitFor(async () => {
      const rows = (await admin.get("/api/v1/conversations")).body.data;
      return rows.length === 1 ? rows[0] : null;
    });
    const asAgent = apiClient(relais.url, agent.token);
    const messages = `/api/v1/conversations/${conversation.id}/messages`;
    await asAgent.post(messages, {
      kind: "note",
      text: "Note interne : Marie est une cliente VIP",
    });
    const reply = await asAgent.post(messages, {
      kind: "reply",
      text: "Bonjour Marie, votre commande FR-48213 repart aujourd'hui. Julie",
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return {
      conversationId: conversation.id as string,
      admin,
      agent: asAgent,
      supervisor: apiClient(relais.url, supervisor.token),
      viewer: apiClient(relais.url, viewer.token),
    };
  }

  it("keeps an anonymised copy, lists drafts, publishes (supervisors only), exports, deletes", async () => {
    const { conversationId, agent, supervisor, viewer, admin } = await conversationWithMarie();
    const created = await agent.post(`/api/v1/conversations/${conversationId}/story`, {
      title: "Julie retrouve le colis de Marie",
      summary: "Une commande perdue, repartie le jour même.",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const story: TStory = created.body.data;
    expect(story).toMatchObject({
      status: "draft",
      locale: "fr",
      conversationId,
      title: "[Agent 1] retrouve le colis de [Client 1]",
      publishedAt: null,
    });
    expect(story.text).toBe(
      "[Client 1] : Bonjour, ma commande [Commande 1] n'est pas arrivée au [Adresse 1]. " +
        "Rappelez-moi au [Téléphone 1] ou écrivez à [Email 1].\n[Client 1]\n\n" +
        "[Agent 1] : Bonjour [Client 1], votre commande [Commande 1] repart aujourd'hui. [Agent 1]",
    );
    for (const secret of [
      "Marie",
      "Dupont",
      "Julie",
      "48213",
      "Lilas",
      "06 12",
      "exemple.fr",
      "VIP",
    ])
      expect(JSON.stringify(story), secret).not.toContain(secret);

    const drafts = await agent.get("/api/v1/stories?status=draft");
    expect(drafts.body.data.map((row: TStory) => row.id)).toEqual([story.id]);
    expect(Object.keys(drafts.body.data[0])).toEqual(
      expect.arrayContaining(["id", "title", "summary", "status", "text"]),
    );
    // Viewers read published stories only.
    expect((await viewer.get("/api/v1/stories?status=draft")).status).toBe(403);
    expect((await viewer.get(`/api/v1/stories/${story.id}`)).status).toBe(403);
    expect((await viewer.get("/api/v1/stories?status=published")).body.data).toEqual([]);

    const refused = await agent.post(`/api/v1/stories/${story.id}/publish`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.id).toBe("forbidden");
    const published = await supervisor.post(`/api/v1/stories/${story.id}/publish`, {});
    expect(published.status).toBe(200);
    expect(published.body.data.status).toBe("published");
    expect(published.body.data.publishedAt).toEqual(expect.any(String));
    const again = await supervisor.post(`/api/v1/stories/${story.id}/publish`, {});
    expect(again.body.data.publishedAt).toBe(published.body.data.publishedAt);
    const since = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const week = await viewer.get(`/api/v1/stories?status=published&since=${since}&limit=1`);
    expect(week.body.data.map((row: TStory) => row.id)).toEqual([story.id]);
    expect((await agent.get("/api/v1/stories?status=draft")).body.data).toEqual([]);

    const markdown = await viewer.get(`/api/v1/stories/${story.id}/export.md`);
    expect(markdown.status).toBe(200);
    expect(markdown.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(markdown.headers.get("content-disposition")).toBe(
      'attachment; filename="story-agent-1-retrouve-le-colis-de-client-1.md"',
    );
    const day = published.body.data.publishedAt.slice(0, 10);
    expect(markdown.body).toBe(
      "# [Agent 1] retrouve le colis de [Client 1]\n\n" +
        "Une commande perdue, repartie le jour même.\n\n" +
        `*Conversation anonymisée, publiée le ${day}.*\n\n---\n\n` +
        "**[Client 1]** : Bonjour, ma commande [Commande 1] n'est pas arrivée au [Adresse 1]. " +
        "Rappelez-moi au [Téléphone 1] ou écrivez à [Email 1].  \n[Client 1]\n\n" +
        "**[Agent 1]** : Bonjour [Client 1], votre commande [Commande 1] repart aujourd'hui. [Agent 1]\n",
    );

    // An agent may not delete a published story; an admin may, with its audit entry.
    expect((await agent.delete(`/api/v1/stories/${story.id}`)).status).toBe(403);
    expect((await admin.delete(`/api/v1/stories/${story.id}`)).status).toBe(200);
    expect((await admin.get(`/api/v1/stories/${story.id}`)).status).toBe(404);
    const audit = await relais.services.db
      .selectFrom("audit_log")
      .select("action")
      .where("subject_id", "=", story.id)
      .orderBy("id")
      .execute();
    expect(audit.map((row) => row.action)).toEqual([
      "story.create",
      "story.publish",
      "story.delete",
    ]);
    const events = await relais.services.db
      .selectFrom("events")
      .select("name")
      .where("name", "like", "story.%")
      .where(({ ref }) => ref("payload", "->>").key("storyId" as never), "=", story.id)
      .orderBy("id")
      .execute();
    expect(events.map((row) => row.name)).toEqual([
      "story.created",
      "story.published",
      "story.deleted",
    ]);
  });

  it("lets an agent delete their own draft, and nobody else's", async () => {
    const { conversationId, agent, admin } = await conversationWithMarie();
    const mine = (
      await agent.post(`/api/v1/conversations/${conversationId}/story`, { title: "Le mien" })
    ).body.data;
    const theirs = (
      await admin.post(`/api/v1/conversations/${conversationId}/story`, { title: "Le sien" })
    ).body.data;
    expect(mine.summary).toBe("");
    expect((await agent.delete(`/api/v1/stories/${theirs.id}`)).status).toBe(403);
    expect((await agent.delete(`/api/v1/stories/${mine.id}`)).status).toBe(200);
    const invalid = await agent.post(`/api/v1/conversations/${conversationId}/story`, {
      title: " ",
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.id).toBe("validation_failed");
  });
});
