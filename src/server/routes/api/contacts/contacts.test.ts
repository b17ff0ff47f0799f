import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedContact } from "../../../../../test/support/contacts.ts";
import { createAccount } from "../../../../../test/support/factories.ts";
import { apiClient } from "../../../../../test/support/http.ts";
import { startTestRelais } from "../../../../../test/support/relais.ts";

/** A busy machine slows starting Relais (PGlite). */
const STARTUP_MS = 180_000;

type Relais = Awaited<ReturnType<typeof startTestRelais>>;

describe("GET /api/v1/contacts", { timeout: 120_000 }, () => {
  let relais: Relais;
  beforeAll(async () => {
    relais = await startTestRelais();
  }, STARTUP_MS);
  afterAll(async () => {
    await relais?.stop();
  });

  it("counts each contact's conversations, dates their last activity, and pages by cursor", async () => {
    const { account, token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const busy = await seedContact(relais.services, account.id, {
      name: "Anne Occupée",
      conversations: 3,
    });
    await seedContact(relais.services, account.id, { name: "Bruno Silencieux" });
    await seedContact(relais.services, account.id, {
      name: "Chloé Twitter",
      identities: [{ kind: "twitter", value: "42", handle: "chloe_t" }],
      conversations: 1,
    });

    const first = await api.get("/api/v1/contacts?limit=2");
    expect(first.body.data.map((c: { name: string }) => c.name)).toEqual([
      "Chloé Twitter",
      "Bruno Silencieux",
    ]);
    expect(first.body.data[0]).toMatchObject({
      conversationCount: 1,
      lastActivityAt: "2026-01-10T00:00:00.000Z",
      identities: [{ kind: "twitter", handle: "chloe_t" }],
    });
    expect(first.body.data[1]).toMatchObject({ conversationCount: 0, lastActivityAt: null });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api.get(`/api/v1/contacts?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.data).toHaveLength(1);
    expect(second.body.data[0]).toMatchObject({
      id: busy.id,
      conversationCount: 3,
      lastActivityAt: "2026-01-12T00:00:00.000Z",
    });
    expect(second.body.nextCursor).toBeUndefined();

    // Renaming (PATCH) is what the contact page's "edit name" does; search finds the new name.
    const renamed = await api.patch(`/api/v1/contacts/${busy.id}`, { name: "Anne Martin" });
    expect(renamed.body.data.name).toBe("Anne Martin");
    const search = await api.get("/api/v1/contacts?q=martin");
    expect(search.body.data.map((c: { id: string }) => c.id)).toEqual([busy.id]);
    expect((await api.get("/api/v1/contacts?q=chloe_t")).body.data[0].name).toBe("Chloé Twitter");
  });
});
