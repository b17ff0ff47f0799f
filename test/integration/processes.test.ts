import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { loadEnv } from "../../src/server/env.ts";
import { createServices } from "../../src/server/runtime.ts";
import { createAccount, createApiChannel } from "../support/factories.ts";
import { startFakeServer } from "../support/fakeServer.ts";
import { apiClient, postSignedHook } from "../support/http.ts";
import { type RelaisProcess, runCli, spawnRelais } from "../support/process.ts";
import { closeServices, testDatabase, testEnv } from "../support/relais.ts";
import { waitFor } from "../support/wait.ts";

/**
 * Real `relais` processes on one database: the CLI, a crash with kill -9, and two servers
 * sharing PostgreSQL.
 */
const running: RelaisProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((process) => process.kill("SIGKILL")));
});

async function processEnv(extra: Record<string, string> = {}) {
  const env = await testEnv(extra);
  return {
    RELAIS_DATA: env.RELAIS_DATA,
    DATABASE_URL: env.DATABASE_URL,
    RELAIS_SECRET_KEY: env.RELAIS_SECRET_KEY,
    RELAIS_POLL_MS: "200",
    RELAIS_SMTP_PORT: "0",
    RELAIS_RETRY_BASE_MS: "100",
    RELAIS_RETRY_MAX_MS: "1000",
    // The API channel's receiver is a loopback fake: the spawned processes may call it.
    RELAIS_OUTBOUND_ALLOW_PRIVATE: "true",
    ...extra,
  };
}

function json(output: string) {
  return JSON.parse(output) as Record<string, any>;
}

/** An account, an admin with a token, and an API channel, made in this process before any server starts. */
async function provision(env: Record<string, string | undefined>, outboundUrl?: string) {
  const services = await createServices(loadEnv({ ...env, LOG_LEVEL: "silent" }));
  try {
    const { account, token } = await createAccount(services);
    const { channel, secret } = await createApiChannel(services, account.id, { outboundUrl });
    return { token, channel: { id: channel.id, secret } };
  } finally {
    await closeServices(services);
  }
}

/** The same, with the CLI, as an operator would. */
function provisionWithCli(env: Record<string, string | undefined>, outboundUrl?: string) {
  const user = runCli(
    [
      "user",
      "create",
      "--account",
      "acme",
      "--email",
      "ops@acme.test",
      "--password",
      "long enough pw",
      "--role",
      "admin",
    ],
    env,
  );
  expect(user.status, user.stderr).toBe(0);
  const token = runCli(["token", "create", "--account", "acme", "--email", "ops@acme.test"], env);
  expect(token.status, token.stderr).toBe(0);
  const channel = runCli(
    [
      "channel",
      "add",
      "api",
      "--account",
      "acme",
      "--name",
      "Shop",
      ...(outboundUrl ? ["--outbound-url", outboundUrl] : []),
    ],
    env,
  );
  expect(channel.status, channel.stderr).toBe(0);
  return { token: token.stdout.trim(), channel: json(channel.stdout) };
}

describe("the relais command", { timeout: 240_000 }, () => {
  it("creates users, tokens and channels, and says clearly what is wrong", async () => {
    const env = await processEnv();
    const { token, channel } = provisionWithCli(env);
    expect(token).toMatch(/^rls_[0-9a-f]{32}_/);
    expect(channel).toMatchObject({ kind: "api", name: "Shop" });
    expect(channel.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(channel.secret).toEqual(expect.any(String));
    expect(channel.webhookUrl).toMatch(new RegExp(`/hooks/${channel.id}$`));

    const badRole = runCli(
      [
        "user",
        "create",
        "--account",
        "acme",
        "--email",
        "x@acme.test",
        "--password",
        "long enough pw",
        "--role",
        "boss",
      ],
      env,
    );
    expect(badRole.status).not.toBe(0);
    expect(badRole.stderr).toContain("--role must be one of admin, supervisor, agent");
    const missing = runCli(["token", "create", "--account", "acme"], env);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain("--email");
    const unknownAccount = runCli(
      ["channel", "add", "api", "--account", "nope", "--name", "x"],
      env,
    );
    expect(unknownAccount.status).toBe(1);
    expect(unknownAccount.stderr).toContain('Account "nope" not found');
    const duplicate = runCli(
      [
        "user",
        "create",
        "--account",
        "acme",
        "--email",
        "ops@acme.test",
        "--password",
        "long enough pw",
        "--role",
        "agent",
      ],
      env,
    );
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr).toContain("already exists");
  });

  it("triages lines from stdin, one JSON result per line", async () => {
    const input = [
      "Mon colis est arrivé complètement écrasé, le vase est cassé !!!",
      JSON.stringify({ text: "Where is my order? Still nothing after ten days." }),
      JSON.stringify({ body: "no text field" }),
      "",
    ].join("\n");
    const result = runCli(["triage"], {}, input);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      language: "fr",
      sentiment: { label: "negative" },
      category: "delivery.damaged",
    });
    expect(lines[0].confidence).toBeGreaterThan(0.5);
    expect(lines[1]).toMatchObject({ language: "en", category: "delivery.late" });
    expect(lines[2].error).toContain("text");
  });

  // Only the embedded database has a single-holder lock; on PostgreSQL the report says skipped.
  it.runIf(testDatabase() === "pglite")(
    "works while a server holds the embedded database, through that server",
    async () => {
      const env = await processEnv();
      const server = await spawnRelais(env);
      running.push(server);
      const { token } = provisionWithCli(env);
      const second = runCli(["serve"], env);
      expect(second.status).toBe(1);
      expect(second.stderr).toContain("Another Relais server");
      const demo = runCli(["demo", "--account", "showroom"], env);
      expect(demo.status, demo.stderr).toBe(0);
      expect(demo.stdout).toContain("admin@showroom.relais.test");
      const list = await apiClient(server.url, token).get("/api/v1/users");
      expect(list.status).toBe(200);
      expect(list.body.data.map((u: any) => u.email)).toEqual(["ops@acme.test"]);
      const accounts = await apiClient(server.url, token).get("/api/v1/account");
      expect(accounts.body.data.slug).toBe("acme");
    },
  );
});

describe("a process killed at any moment", { timeout: 240_000 }, () => {
  it("loses no acknowledged inbound message", async () => {
    const env = await processEnv();
    const { token, channel } = await provision(env);
    const first = await spawnRelais(env);
    running.push(first);
    const acknowledged: string[] = [];
    for (let index = 0; index < 25; index += 1) {
      const response = await postSignedHook(first.url, channel.id, channel.secret, {
        message: { id: `m-${index}`, text: `Message ${index}` },
        contact: { id: `c-${index % 5}` },
      });
      if (response.status === 200) acknowledged.push(`m-${index}`);
    }
    await first.kill("SIGKILL");
    const second = await spawnRelais(env);
    running.push(second);
    const api = apiClient(second.url, token);
    const conversations = (await api.get("/api/v1/conversations?limit=100")).body.data;
    let stored = 0;
    for (const conversation of conversations) {
      stored += (await api.get(`/api/v1/conversations/${conversation.id}/messages`)).body.data
        .length;
    }
    expect(acknowledged).toHaveLength(25);
    expect(stored).toBe(acknowledged.length);
  });

  it("delivers a reply interrupted mid-send after restart, once, under one idempotency key", async () => {
    let hang = true;
    // The first delivery never gets an answer: it is still waiting when its process is killed.
    let release = () => {};
    const unanswered = new Promise<void>((resolve) => {
      release = resolve;
    });
    const receiver = await startFakeServer(async () => {
      if (hang) await unanswered;
      return { status: 200, body: { ok: true } };
    });
    try {
      const env = await processEnv({
        RELAIS_JOB_EXPIRE_SECONDS: "2",
        RELAIS_JOB_MAINTENANCE_SECONDS: "1",
        // A started send counts as interrupted once no live worker can still be making it
        // (twice the HTTP timeout): short here, so the restart resends within the test.
        RELAIS_HTTP_TIMEOUT_MS: "3000",
      });
      const { token, channel } = await provision(env, `${receiver.url}/replies`);
      const first = await spawnRelais(env);
      running.push(first);
      await postSignedHook(first.url, channel.id, channel.secret, {
        message: { id: "q1", text: "Where is it?" },
        contact: { id: "c1" },
      });
      const api = apiClient(first.url, token);
      const conversation = (await api.get("/api/v1/conversations")).body.data[0];
      const reply = (
        await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
          text: "On its way",
          kind: "reply",
        })
      ).body.data;
      await waitFor(() => receiver.requests.length === 1, { timeoutMs: 20_000 });
      await first.kill("SIGKILL");

      hang = false;
      const second = await spawnRelais(env);
      running.push(second);
      const after = apiClient(second.url, token);
      const delivered = await waitFor(
        async () => {
          const messages = (await after.get(`/api/v1/conversations/${conversation.id}/messages`))
            .body.data;
          const message = messages.find((m: any) => m.id === reply.id);
          return message?.delivery.status === "sent" ? message : null;
        },
        { timeoutMs: 30_000 },
      );
      expect(delivered.delivery.attempts).toBe(2);
      const keys = receiver.requests.map((request) => request.headers["idempotency-key"]);
      expect(keys).toEqual([reply.id, reply.id]);
      const messages = (await after.get(`/api/v1/conversations/${conversation.id}/messages`)).body
        .data;
      expect(messages.filter((m: any) => m.direction === "out")).toHaveLength(1);
    } finally {
      release();
      await receiver.close();
    }
  });
});

describe("several server processes on one PostgreSQL", { timeout: 240_000 }, () => {
  // Several processes share only a PostgreSQL server; on PGlite the report says skipped.
  it.runIf(testDatabase() === "postgres")(
    "fans an event on one process out to agents connected to the other",
    async () => {
      const env = await processEnv();
      const { token, channel } = await provision(env);
      const [a, b] = await Promise.all([spawnRelais(env), spawnRelais(env)]);
      running.push(a, b);
      const socket = new WebSocket(`${a.url.replace("http", "ws")}/api/v1/live`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const events: any[] = [];
      socket.on("message", (raw) => events.push(JSON.parse(raw.toString())));
      await waitFor(() => events.some((event) => event.type === "hello"));

      const hook = await postSignedHook(b.url, channel.id, channel.secret, {
        message: { id: "fan-1", text: "Bonjour" },
        contact: { id: "c" },
      });
      expect(hook.status).toBe(200);
      const created = await waitFor(() =>
        events.find((event) => event.type === "event" && event.event.name === "message.created"),
      );
      expect(created.event.payload.messageId).toBe(hook.body.data.messageIds[0]);
      socket.close();
    },
  );
});
