import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { createAccount, createUser, TEST_PASSWORD } from "../support/factories.ts";
import { apiClient } from "../support/http.ts";
import { startTestRelais } from "../support/relais.ts";

function cookieOf(response: Response): string {
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

describe("authentication", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  beforeAll(async () => {
    relais = await startTestRelais({ RELAIS_LOGIN_MAX_ATTEMPTS: "5" });
  });
  afterAll(async () => {
    await relais?.stop();
  });

  const signIn = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${relais.url}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  it("signs in with an HttpOnly SameSite cookie, serves the session, and signs out", async () => {
    const { user } = await createAccount(relais.services);
    const response = await signIn({ email: user.email.toUpperCase(), password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^relais_session=rss_/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    const cookie = cookieOf(response);

    const me = await fetch(`${relais.url}/api/v1/session`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as any).data.user.email).toBe(user.email);

    const out = await fetch(`${relais.url}/api/v1/session`, {
      method: "DELETE",
      headers: { cookie },
    });
    expect(out.status).toBe(200);
    const after = await fetch(`${relais.url}/api/v1/session`, { headers: { cookie } });
    expect(after.status).toBe(401);
  });

  it("stores passwords as argon2id hashes", async () => {
    const { user } = await createAccount(relais.services);
    const row = await relais.services.db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain(TEST_PASSWORD);
  });

  it("refuses a wrong password the same way as an unknown email, and rate-limits attempts", async () => {
    const { user } = await createAccount(relais.services);
    const wrong = await signIn({ email: user.email, password: "not the password" });
    expect(wrong.status).toBe(401);
    const unknown = await signIn({ email: "nobody@example.test", password: "whatever1234" });
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());

    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      statuses.push((await signIn({ email: user.email, password: "still wrong" })).status);
    }
    expect(statuses).toContain(429);
    const limited = await signIn({ email: user.email, password: TEST_PASSWORD });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as any).error.id).toBe("rate_limited");
  });

  it("shares the sign-in limit between servers on one database, storing no email", async () => {
    const { user } = await createAccount(relais.services);
    // A second web server on the same database: a process behind the same load balancer.
    const other = await buildApp(relais.services);
    const otherUrl = await other.listen({ port: 0, host: "127.0.0.1" });
    try {
      const attempt = (url: string) =>
        fetch(`${url}/api/v1/session`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: user.email, password: "wrong guess" }),
        });
      const statuses: number[] = [];
      for (let round = 0; round < 3; round += 1) {
        statuses.push((await attempt(relais.url)).status, (await attempt(otherUrl)).status);
      }
      // Five attempts allowed in all, not five per server.
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      const rows = await sql<{
        key: string;
        hits: number;
      }>`select key, hits from rate_limits`.execute(relais.services.db);
      // Five failures counted; the sixth attempt was refused before its password was checked.
      expect(rows.rows.some((row) => row.hits === 5)).toBe(true);
      expect(JSON.stringify(rows.rows)).not.toContain(user.email);
    } finally {
      await other.close();
    }
  });

  it("ignores forged X-Forwarded-For headers: 40 guesses from new 'addresses' meet 429", async () => {
    const { user } = await createAccount(relais.services);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const forged = { "x-forwarded-for": `203.0.113.${attempt + 1}` };
      statuses.push(
        (await signIn({ email: user.email, password: `guess ${attempt}` }, forged)).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((status) => status === 429)).toBe(true);
    // The right password, from yet another forged address, is refused while blocked.
    const right = await signIn(
      { email: user.email, password: TEST_PASSWORD },
      { "x-forwarded-for": "198.51.100.7" },
    );
    expect(right.status).toBe(429);
  });

  it("counts a padded or upper-cased email with the plain one", async () => {
    const { user } = await createAccount(relais.services);
    const spellings = [
      user.email,
      ` ${user.email}`,
      `${user.email.toUpperCase()} `,
      `\t${user.email}`,
    ];
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const email = spellings[attempt % spellings.length] ?? user.email;
      statuses.push((await signIn({ email, password: "wrong guess" })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it("does not count successful sign-ins against the limit", async () => {
    const { user } = await createAccount(relais.services);
    for (let attempt = 0; attempt < 8; attempt += 1) {
      expect((await signIn({ email: user.email, password: TEST_PASSWORD })).status).toBe(200);
    }
    expect((await signIn({ email: user.email, password: "wrong" })).status).toBe(401);
  });

  it("limits one email across all addresses when a proxy is trusted", async () => {
    const behindProxy = await buildApp({
      ...relais.services,
      env: { ...relais.services.env, RELAIS_TRUST_PROXY: ["127.0.0.1"] },
    });
    const url = await behindProxy.listen({ port: 0, host: "127.0.0.1" });
    try {
      const { user } = await createAccount(relais.services);
      const statuses: number[] = [];
      // Each try from a different real client: the per-address limit never trips, the
      // per-email one (5 × RELAIS_LOGIN_MAX_ATTEMPTS) does.
      for (let attempt = 0; attempt < 26; attempt += 1) {
        const response = await fetch(`${url}/api/v1/session`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-forwarded-for": `203.0.113.${attempt + 1}`,
          },
          body: JSON.stringify({ email: user.email, password: "wrong" }),
        });
        statuses.push(response.status);
      }
      expect(statuses.filter((status) => status === 401)).toHaveLength(25);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await behindProxy.close();
    }
  });

  it("accepts personal API tokens until they are revoked", async () => {
    const { token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    expect((await api.get("/api/v1/conversations")).status).toBe(200);
    const created = await api.post("/api/v1/tokens", { name: "zapier" });
    expect(created.status).toBe(201);
    const second = apiClient(relais.url, created.body.data.token);
    expect((await second.get("/api/v1/users")).status).toBe(200);
    expect((await api.delete(`/api/v1/tokens/${created.body.data.id}`)).status).toBe(200);
    expect((await second.get("/api/v1/users")).status).toBe(401);
    expect((await apiClient(relais.url, "rls_garbage").get("/api/v1/users")).status).toBe(401);
    expect((await apiClient(relais.url).get("/api/v1/users")).status).toBe(401);
  });

  it("refuses cookie-authenticated changes from another site", async () => {
    const { user } = await createAccount(relais.services);
    const cookie = cookieOf(await signIn({ email: user.email, password: TEST_PASSWORD }));
    const response = await fetch(`${relais.url}/api/v1/tokens`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ name: "stolen" }),
    });
    expect(response.status).toBe(403);
    const tokens = await fetch(`${relais.url}/api/v1/tokens`, { headers: { cookie } });
    expect(((await tokens.json()) as any).data).toHaveLength(1);
  });

  it("enforces roles: agents cannot manage users or channels; disabled users lose access", async () => {
    const { account, token: adminToken } = await createAccount(relais.services);
    const agent = await createUser(relais.services, account.id, "agent");
    const asAgent = apiClient(relais.url, agent.token);
    const forbidden = await asAgent.post("/api/v1/users", {
      email: "x@example.test",
      name: "X",
      role: "admin",
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.id).toBe("forbidden");
    expect((await asAgent.post("/api/v1/channels", { kind: "api", name: "Mine" })).status).toBe(
      403,
    );
    expect((await asAgent.patch(`/api/v1/users/${agent.id}`, { role: "admin" })).status).toBe(403);
    expect((await asAgent.patch(`/api/v1/users/${agent.id}`, { locale: "en" })).status).toBe(200);

    const admin = apiClient(relais.url, adminToken);
    expect((await admin.patch(`/api/v1/users/${agent.id}`, { disabled: true })).status).toBe(200);
    expect((await asAgent.get("/api/v1/conversations")).status).toBe(401);
  });
});
