import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAccount,
  createApiChannel,
  createUser,
} from "../../../../../test/support/factories.ts";
import { apiClient, postSignedHook } from "../../../../../test/support/http.ts";
import { startTestRelais } from "../../../../../test/support/relais.ts";
import { waitFor as waitUntil } from "../../../../../test/support/wait.ts";
import type { TCannedReply } from "../../../../shared/rules.ts";
import type { TConversation } from "../../../../shared/schemas.ts";

/** A busy machine slows starting Relais (PGlite) and the relay → triage → automation pipeline. */
const STARTUP_MS = 180_000;
const waitFor = <T>(check: () => T | Promise<T>) => waitUntil(check, { timeoutMs: 40_000 });

const TRACKING = {
  shortcut: "Suivi-Colis",
  title: "Suivi de colis",
  bodyFr:
    "Bonjour {{contact.name | Madame, Monsieur}}, votre dossier n° {{conversation.number}} est suivi par {{agent.name}}.",
  bodyEn:
    "Hello {{contact.name | there}}, your case #{{conversation.number}} is in the hands of {{agent.name}}.",
};

describe("/api/v1/canned-replies", { timeout: 120_000 }, () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  beforeAll(async () => {
    relais = await startTestRelais();
  }, STARTUP_MS);
  afterAll(async () => {
    await relais?.stop();
  });

  it("creates, searches, changes and deletes canned replies", async () => {
    const { token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const created = await api.post("/api/v1/canned-replies", TRACKING);
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ shortcut: "suivi-colis", title: "Suivi de colis" });
    const refund = await api.post("/api/v1/canned-replies", {
      shortcut: "remboursement",
      title: "Remboursement en cours",
      bodyFr: "Votre remboursement est en cours.",
    });
    expect(refund.body.data.bodyEn).toBeNull();

    expect(
      (await api.get("/api/v1/canned-replies")).body.data.map((r: TCannedReply) => r.shortcut),
    ).toEqual(["remboursement", "suivi-colis"]);
    const search = await api.get("/api/v1/canned-replies?q=colis");
    expect(search.body.data.map((r: TCannedReply) => r.shortcut)).toEqual(["suivi-colis"]);

    const changed = await api.patch(`/api/v1/canned-replies/${refund.body.data.id}`, {
      bodyEn: "Your refund is on its way.",
      title: "Remboursement",
    });
    expect(changed.body.data).toMatchObject({
      title: "Remboursement",
      bodyFr: "Votre remboursement est en cours.",
      bodyEn: "Your refund is on its way.",
    });
    const taken = await api.patch(`/api/v1/canned-replies/${refund.body.data.id}`, {
      shortcut: "suivi-colis",
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.id).toBe("shortcut_exists");
    expect((await api.post("/api/v1/canned-replies", TRACKING)).status).toBe(409);

    const deleted = await api.delete(`/api/v1/canned-replies/${refund.body.data.id}`);
    expect(deleted.body.data).toEqual({ deleted: true });
    expect((await api.get(`/api/v1/canned-replies/${refund.body.data.id}`)).status).toBe(404);
  });

  it("refuses invalid replies with 400, and deleting one a rule sends with 409", async () => {
    const { token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const invalid: Array<[object, string]> = [
      [{ ...TRACKING, bodyFr: null, bodyEn: null }, "bodyFr"],
      [{ shortcut: "x", title: "No body" }, "bodyFr"],
      [{ ...TRACKING, shortcut: "with space" }, "shortcut"],
      [{ ...TRACKING, bodyEn: "Hi {{contact.first_name}}" }, "bodyEn"],
      [{ ...TRACKING, title: "" }, "title"],
    ];
    for (const [body, field] of invalid) {
      const response = await api.post("/api/v1/canned-replies", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.id).toBe("validation_failed");
      expect(response.body.error.message).toContain(field);
    }
    const reply = await api.post("/api/v1/canned-replies", { ...TRACKING, bodyEn: null });
    const emptied = await api.patch(`/api/v1/canned-replies/${reply.body.data.id}`, {
      bodyFr: null,
    });
    expect(emptied.status).toBe(400);

    await api.post("/api/v1/rules", {
      name: "Auto",
      trigger: "message.received",
      actions: [{ type: "reply", cannedReplyId: reply.body.data.id }],
    });
    const inUse = await api.delete(`/api/v1/canned-replies/${reply.body.data.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.id).toBe("canned_reply_in_use");
  });

  it("lets agents read and render, not write; hides other accounts' replies", async () => {
    const { account, token } = await createAccount(relais.services);
    const reply = await apiClient(relais.url, token).post("/api/v1/canned-replies", TRACKING);
    const id = reply.body.data.id;
    const agent = apiClient(relais.url, (await createUser(relais.services, account.id)).token);
    expect((await agent.get("/api/v1/canned-replies")).body.data).toHaveLength(1);
    expect(
      (await agent.post("/api/v1/canned-replies", { ...TRACKING, shortcut: "a" })).status,
    ).toBe(403);
    expect((await agent.patch(`/api/v1/canned-replies/${id}`, { title: "x" })).status).toBe(403);
    expect((await agent.delete(`/api/v1/canned-replies/${id}`)).status).toBe(403);

    const foreign = apiClient(relais.url, (await createAccount(relais.services)).token);
    expect((await foreign.get("/api/v1/canned-replies")).body.data).toEqual([]);
    expect((await foreign.get(`/api/v1/canned-replies/${id}`)).status).toBe(404);
    expect((await foreign.patch(`/api/v1/canned-replies/${id}`, { title: "x" })).status).toBe(404);
    expect((await foreign.delete(`/api/v1/canned-replies/${id}`)).status).toBe(404);
    expect(
      (await foreign.post(`/api/v1/canned-replies/${id}/render`, { conversationId: id })).status,
    ).toBe(404);
  });

  it("renders a reply in the customer's language with its variables", async () => {
    const { account, token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const agent = await createUser(relais.services, account.id);
    const asAgent = apiClient(relais.url, agent.token);
    const { channel, secret } = await createApiChannel(relais.services, account.id);
    const reply = (await api.post("/api/v1/canned-replies", TRACKING)).body.data;

    await postSignedHook(relais.url, channel.id, secret, {
      message: { id: "fr-1", text: "Bonjour, mon colis n'est toujours pas arrivé." },
      contact: { id: "c-fr", name: "Zoé Lambert" },
    });
    await postSignedHook(relais.url, channel.id, secret, {
      message: { id: "en-1", text: "Hello, where is my parcel? It is a week late." },
      contact: { id: "c-en" },
    });
    const [fr, en] = await waitFor(async () => {
      const rows = (await api.get("/api/v1/conversations?limit=10")).body.data;
      const french = rows.find((row: TConversation) => row.language === "fr");
      const english = rows.find((row: TConversation) => row.language === "en");
      return french && english ? [french, english] : null;
    });

    const french = await asAgent.post(`/api/v1/canned-replies/${reply.id}/render`, {
      conversationId: fr.id,
    });
    expect(french.status).toBe(200);
    expect(french.body.data).toEqual({
      language: "fr",
      text: `Bonjour Zoé Lambert, votre dossier n° ${fr.number} est suivi par ${agent.name}.`,
    });
    const english = await asAgent.post(`/api/v1/canned-replies/${reply.id}/render`, {
      conversationId: en.id,
    });
    expect(english.body.data).toEqual({
      language: "en",
      text: `Hello there, your case #${en.number} is in the hands of ${agent.name}.`,
    });

    // Written in French only: the English-speaking customer gets the French text.
    const frenchOnly = (
      await api.post("/api/v1/canned-replies", {
        shortcut: "fr-only",
        title: "FR",
        bodyFr: "Dossier {{conversation.number}}",
      })
    ).body.data;
    const fallback = await api.post(`/api/v1/canned-replies/${frenchOnly.id}/render`, {
      conversationId: en.id,
    });
    expect(fallback.body.data).toEqual({ language: "fr", text: `Dossier ${en.number}` });
    const missing = await api.post(`/api/v1/canned-replies/${reply.id}/render`, {
      conversationId: "6f1c1f9e-0000-4000-8000-000000000000",
    });
    expect(missing.status).toBe(404);
  });
});
