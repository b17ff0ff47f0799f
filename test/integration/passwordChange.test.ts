import { describe, expect, it } from "vitest";
import { createAccount, createUser, TEST_PASSWORD } from "../support/factories.ts";
import { apiClient } from "../support/http.ts";
import { useTestRelais } from "../support/useRelais.ts";

/** A thief who holds a session or a token is shut out by a password change or a disable. */
describe("changing a password, disabling a user", () => {
  const relais = useTestRelais();

  async function signIn(email: string, password: string): Promise<string> {
    const response = await fetch(`${relais().url}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    expect(response.status).toBe(200);
    return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  }

  async function asCookie(cookie: string, method: string, path: string, body?: unknown) {
    const response = await fetch(`${relais().url}${path}`, {
      method,
      headers: { cookie, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  it("asks the current password, then ends the other sessions and revokes the tokens", async () => {
    const { services, url } = relais();
    const { account } = await createAccount(services);
    const agent = await createUser(services, account.id);
    const mine = await signIn(agent.email, TEST_PASSWORD);
    const thief = await signIn(agent.email, TEST_PASSWORD);
    const path = `/api/v1/users/${agent.id}`;
    const newPassword = "a brand new passphrase";

    const missing = await asCookie(mine, "PATCH", path, { password: newPassword });
    expect(missing.status).toBe(422);
    expect(missing.body.error.id).toBe("current_password_required");
    const wrong = await asCookie(mine, "PATCH", path, {
      password: newPassword,
      currentPassword: "not it at all",
    });
    expect(wrong.status).toBe(403);
    // Nothing changed yet: the thief's session and the token still work.
    expect((await asCookie(thief, "GET", "/api/v1/session")).status).toBe(200);

    const changed = await asCookie(mine, "PATCH", path, {
      password: newPassword,
      currentPassword: TEST_PASSWORD,
    });
    expect(changed.status).toBe(200);
    expect((await asCookie(mine, "GET", "/api/v1/session")).status).toBe(200);
    expect((await asCookie(thief, "GET", "/api/v1/session")).status).toBe(401);
    expect((await apiClient(url, agent.token).get("/api/v1/session")).status).toBe(401);
    await signIn(agent.email, newPassword);
  });

  it("leaves revoked tokens and ended sessions dead when a disabled user is enabled again", async () => {
    const { services, url } = relais();
    const { account, token: adminToken } = await createAccount(services);
    const admin = apiClient(url, adminToken);
    const agent = await createUser(services, account.id);
    const session = await signIn(agent.email, TEST_PASSWORD);
    expect((await admin.patch(`/api/v1/users/${agent.id}`, { disabled: true })).status).toBe(200);
    expect((await admin.patch(`/api/v1/users/${agent.id}`, { disabled: false })).status).toBe(200);
    expect((await apiClient(url, agent.token).get("/api/v1/session")).status).toBe(401);
    expect((await asCookie(session, "GET", "/api/v1/session")).status).toBe(401);
    // The agent can sign in again and get new credentials.
    await signIn(agent.email, TEST_PASSWORD);
  });

  it("lets an admin reset an agent's password without theirs, shutting the agent's sessions", async () => {
    const { services, url } = relais();
    const { account, token: adminToken } = await createAccount(services);
    const agent = await createUser(services, account.id);
    const session = await signIn(agent.email, TEST_PASSWORD);
    const reset = await apiClient(url, adminToken).patch(`/api/v1/users/${agent.id}`, {
      password: "reset by the admin",
    });
    expect(reset.status).toBe(200);
    expect((await asCookie(session, "GET", "/api/v1/session")).status).toBe(401);
    expect((await apiClient(url, agent.token).get("/api/v1/session")).status).toBe(401);
  });
});
