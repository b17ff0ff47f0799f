import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SANDBOX_URL } from "../../src/server/admin/demo/context.ts";
import { resolveChannel } from "../../src/server/channels/resolve.ts";
import { createAccount } from "../support/factories.ts";
import { apiClient } from "../support/http.ts";
import { startTestRelais } from "../support/relais.ts";

// Demo data and demo users never reach a real account, and no demo user has a published password.
describe("POST /api/v1/account/demo", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  beforeAll(async () => {
    // No worker: what the demo's channels would call is checked below, from their settings.
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

  it("points every channel it adds at the demo sandbox, never at a real provider", async () => {
    const { account, token } = await createAccount(relais.services);
    expect((await apiClient(relais.url, token).post("/api/v1/account/demo", {})).status).toBe(201);
    const rows = await relais.services.db
      .selectFrom("channels")
      .selectAll()
      .where("account_id", "=", account.id)
      .execute();
    expect(rows.map((row) => row.kind).sort()).toEqual(
      expect.arrayContaining([
        "bluesky",
        "facebook",
        "instagram",
        "mastodon",
        "phone",
        "whatsapp",
        "x",
      ]),
    );
    for (const row of rows) {
      // Read as the provider reads them, defaults included (X's api.x.com, Bluesky's bsky.social).
      const { config } = resolveChannel(row, relais.services.secrets).channel;
      const { allowedOrigins: _origins, ...calledOut } = config as Record<string, unknown>;
      const urls = Object.values(calledOut).filter(
        (value): value is string => typeof value === "string" && /^https?:\/\//.test(value),
      );
      for (const url of urls) expect(`${row.kind} ${url}`).toBe(`${row.kind} ${DEMO_SANDBOX_URL}`);
    }
    const mastodon = rows.find((row) => row.kind === "mastodon");
    expect(mastodon?.config).toMatchObject({ pollSeconds: 0, streaming: false });
  });
});
