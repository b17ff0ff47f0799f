import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createApiChannel } from "../support/factories.ts";
import { apiClient, postSignedHook } from "../support/http.ts";
import { startTestRelais } from "../support/relais.ts";

describe("full-text search in French and English", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let api: ReturnType<typeof apiClient>;
  const numbers: Record<string, number> = {};

  beforeAll(async () => {
    relais = await startTestRelais();
    const { account, token } = await createAccount(relais.services);
    api = apiClient(relais.url, token);
    const { channel, secret } = await createApiChannel(relais.services, account.id);
    const messages = [
      ["fr-damaged", "Les colis sont arrivés abîmés et les verres étaient cassés", "Hélène Dupré"],
      ["en-refund", "I was charged twice and I am still waiting for my refunds", "Peter Jones"],
      ["fr-delivery", "Quand aurai-je ma livraison ? Le livreur n'est jamais passé", "Marc Petit"],
      ["en-screen", "The screens flickered constantly after the update", "Ada Byron"],
    ];
    for (const [id, text, name] of messages) {
      await postSignedHook(relais.url, channel.id, secret, {
        message: { id, text },
        contact: { id: `c-${id}`, name },
      });
    }
    for (const row of (await api.get("/api/v1/conversations?limit=100")).body.data) {
      numbers[row.contact.name] = row.number;
    }
  });
  afterAll(async () => {
    await relais?.stop();
  });

  async function search(q: string) {
    const response = await api.get(`/api/v1/conversations?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    return response.body.data.map((row: any) => row.contact.name).sort();
  }

  it.each([
    ["colis abime", ["Hélène Dupré"]],
    ["COLIS ABÎMÉS", ["Hélène Dupré"]],
    ["verre cassé", ["Hélène Dupré"]],
    ["livraisons", ["Marc Petit"]],
    ["livreur", ["Marc Petit"]],
    ["refund", ["Peter Jones"]],
    ["charge", ["Peter Jones"]],
    ["screen flicker", ["Ada Byron"]],
    ["updates", ["Ada Byron"]],
    ["Hélène", ["Hélène Dupré"]],
    ["helene", ["Hélène Dupré"]],
    ["parapluie", []],
  ])("finds %s", async (query, expected) => {
    expect(await search(query)).toEqual(expected);
  });

  it("searches contacts by name, email and handle", async () => {
    const found = await api.get("/api/v1/contacts?q=dupre");
    expect(found.body.data.map((contact: any) => contact.name)).toEqual(["Hélène Dupré"]);
    const byIdentity = await api.get("/api/v1/contacts?q=c-en-refund");
    expect(byIdentity.body.data.map((contact: any) => contact.name)).toEqual(["Peter Jones"]);
  });
});
