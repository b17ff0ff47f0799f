import { describe, expect, it } from "vitest";
import { createAccount, createUser } from "../../../../../test/support/factories.ts";
import { apiClient } from "../../../../../test/support/http.ts";
import { useTestRelais } from "../../../../../test/support/useRelais.ts";

describe("/api/v1/tokens", { timeout: 120_000 }, () => {
  const relais = useTestRelais();

  it("creates a token shown once, lists it without it, and revokes it, both audited", async () => {
    const { account, token } = await createAccount(relais().services);
    const api = apiClient(relais().url, token);
    const created = await api.post("/api/v1/tokens", { name: "Intégration boutique" });
    expect(created.status).toBe(201);
    const { id, token: secret } = created.body.data;
    expect(secret).toEqual(expect.any(String));

    const own = apiClient(relais().url, secret);
    const list = await own.get("/api/v1/tokens");
    expect(list.status).toBe(200);
    const listed = list.body.data.find((row: { id: string }) => row.id === id);
    expect(listed).toMatchObject({ id, name: "Intégration boutique" });
    // Using the token is what the app shows as its last use.
    expect(Date.parse(listed.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(list.body)).not.toContain(secret);

    expect((await api.delete(`/api/v1/tokens/${id}`)).body).toEqual({ data: { revoked: true } });
    expect((await own.get("/api/v1/tokens")).status).toBe(401);
    expect((await api.delete(`/api/v1/tokens/${id}`)).status).toBe(404);

    const audit = await relais()
      .services.db.selectFrom("audit_log")
      .select("action")
      .where("account_id", "=", account.id)
      .where("subject_id", "=", id)
      .orderBy("id")
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual(["token.create", "token.revoke"]);
  });

  it("answers 404 for a colleague's token, and leaves it working", async () => {
    const { account, token } = await createAccount(relais().services);
    const colleague = await createUser(relais().services, account.id);
    const theirs = (
      await apiClient(relais().url, colleague.token).post("/api/v1/tokens", {
        name: "theirs",
      })
    ).body.data;
    const refused = await apiClient(relais().url, token).delete(`/api/v1/tokens/${theirs.id}`);
    expect(refused.status).toBe(404);
    expect((await apiClient(relais().url, theirs.token).get("/api/v1/tokens")).status).toBe(200);
  });
});
