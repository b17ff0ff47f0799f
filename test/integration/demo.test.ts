import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/factories.ts";
import { apiClient } from "../support/http.ts";
import { startTestRelais } from "../support/relais.ts";

// Demo data and demo users never reach a real account, and no demo user has a published password.
describe("POST /api/v1/account/demo", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  beforeAll(async () => {
    // No worker: the demo's social channels name real hosts (mastodon.social, graph.facebook.com)
    // that the worker's profile and polling jobs would try to reach.
    relais = await startTestRelais({ RELAIS_ROLES: "web" });
  });
  afterAll(async () => {
    await relais?.stop();
  });

  const signIn = (email: string, password: string) =>
    fetch(`${relais.url}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });

  it("fills a new account once, with demo agents nobody can sign in as", async () => {
    const { token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const filled = await api.post("/api/v1/account/demo", {});
    expect(filled.status, JSON.stringify(filled.body)).toBe(201);
    expect(filled.body.data.conversations).toBeGreaterThan(0);
    const agents = filled.body.data.agents as string[];
    expect(agents).toHaveLength(2);
    for (const email of agents) {
      // The password the README used to print fails: demo agents get random, unshown ones.
      expect((await signIn(email, "relais-demo-2026")).status).toBe(401);
    }

    const again = await api.post("/api/v1/account/demo", {});
    expect(again.status).toBe(409);
    expect(again.body.error.id).toBe("account_not_empty");
  });

  it("refuses an account that already holds a conversation or a colleague", async () => {
    const { account, token } = await createAccount(relais.services);
    await relais.services.db
      .insertInto("users")
      .values({
        account_id: account.id,
        email: `colleague-${account.id}@example.test`,
        name: "Colleague",
        role: "agent",
        password_hash: "not a hash",
      })
      .execute();
    const refused = await apiClient(relais.url, token).post("/api/v1/account/demo", {});
    expect(refused.status).toBe(409);
    const users = await relais.services.db
      .selectFrom("users")
      .select("email")
      .where("account_id", "=", account.id)
      .execute();
    expect(users.map((u) => u.email)).not.toContainEqual(expect.stringContaining(".relais.test"));
  });
});
