import { spawn } from "node:child_process";
import { sql } from "kysely";
import { afterAll, beforeAll, expect } from "vitest";
import { channelCreator } from "../../src/server/commands/channelCreator.ts";
import type { Env } from "../../src/server/env.ts";
import type { ChannelKind } from "../../src/shared/enums.ts";
import type { TConversation, TMessage } from "../../src/shared/schemas.ts";
import { createAccount } from "./factories.ts";
import { apiClient } from "./http.ts";
import { startTestRelais } from "./relais.ts";
import { waitFor } from "./wait.ts";

/**
 * The setup every social network's end-to-end tests repeat, written once: Relais and the
 * provider's loopback fake started for the file, then per test a fresh account with one channel
 * pointed at the fake, a signed webhook poster, and waits on what the agent's API shows.
 */

export type TestRelais = Awaited<ReturnType<typeof startTestRelais>>;

/** A message whose delivery is known, as `delivered` returns it. */
export type Delivered = TMessage & {
  delivery: NonNullable<TMessage["delivery"]>;
  externalId: string;
};

/** A fake provider: anything that can be closed after the file's tests. */
export interface ClosableFake {
  close(): Promise<void>;
}

/**
 * Relais and a provider fake for the whole test file: call at the top of a `describe`; the
 * getters give them inside tests. Both are stopped after the file. `freshFake` starts one more
 * fake for a test that wants its own (a server whose notifications no other test's channel
 * sees), stopped with the others; with `shared: false` no fake is started for the whole file.
 */
export function useSocialProvider<Fake extends ClosableFake>(
  startFake: () => Promise<Fake>,
  overrides: Record<string, string> = {},
  options: { shared?: boolean } = {},
): { relais: () => TestRelais; fake: () => Fake; freshFake: () => Promise<Fake> } {
  let relais: TestRelais | undefined;
  let fake: Fake | undefined;
  const fresh: Fake[] = [];
  beforeAll(async () => {
    [relais, fake] = await Promise.all([
      startTestRelais(overrides),
      options.shared === false ? undefined : startFake(),
    ]);
  }, 180_000);
  afterAll(async () => {
    await relais?.stop();
    await fake?.close();
    for (const one of fresh) await one.close();
  });
  const started = <T>(value: T | undefined, name: string): T => {
    if (!value) throw new Error(`${name} has not started.`);
    return value;
  };
  const freshFake = async () => {
    const one = await startFake();
    fresh.push(one);
    return one;
  };
  return {
    relais: () => started(relais, "Relais"),
    fake: () => started(fake, "The fake"),
    freshFake,
  };
}

/** Posts one webhook delivery to `/hooks/<channelId>` signed as the provider signs it. */
export type Deliverer<Options, Answer> = (
  baseUrl: string,
  channelId: string,
  payload: unknown,
  options?: Options,
) => Promise<Answer>;

export interface SocialChannelSpec<Options, Answer> {
  kind: ChannelKind;
  name: string;
  config: Record<string, unknown>;
  secrets: Record<string, unknown>;
  locale?: "fr" | "en";
  /** How the provider signs its webhooks; absent for providers Relais polls. */
  deliver?: Deliverer<Options, Answer>;
  /** Created as an admin does, with `POST /api/v1/channels` (201 expected), not in the model. */
  throughApi?: boolean;
}

/**
 * A fresh account with one channel of `spec.kind`, and what tests do with it: post a signed
 * webhook, read conversations and messages as an agent, wait for a message or a delivery status.
 */
export async function socialChannel<Options = never, Answer = never>(
  relais: TestRelais,
  spec: SocialChannelSpec<Options, Answer>,
) {
  const { account, token } = await createAccount(relais.services, { locale: spec.locale ?? "fr" });
  const api = apiClient(relais.url, token);
  const channel = spec.throughApi
    ? await createThroughApi(api, spec)
    : await channelCreator(relais.services.db, relais.services.secrets, {
        accountId: account.id,
        kind: spec.kind,
        name: spec.name,
        config: spec.config,
        secrets: spec.secrets,
      });
  const hook = (payload: unknown, options?: Options): Promise<Answer> => {
    if (!spec.deliver) throw new Error(`${spec.kind} has no webhook in these tests.`);
    return spec.deliver(relais.url, channel.id, payload, options);
  };
  /** The account's conversations as the API lists them (untyped, as tests index into them). */
  const conversations = async () => (await api.get("/api/v1/conversations")).body.data;
  const messages = async (conversationId: string): Promise<TMessage[]> =>
    (await api.get(`/api/v1/conversations/${conversationId}/messages`)).body.data;
  /** The conversation's messages once `ready` holds for them. */
  const messagesWhen = (
    conversationId: string,
    ready: (found: TMessage[]) => boolean,
    message = "messages as expected",
  ) =>
    waitFor(
      async () => {
        const found = await messages(conversationId);
        return ready(found) ? found : null;
      },
      { message },
    );
  const delivered = (conversationId: string, messageId: string, status = "sent") =>
    waitFor(
      async () => {
        const found = (await messages(conversationId)).find((m) => m.id === messageId);
        return found?.delivery?.status === status ? (found as Delivered) : null;
      },
      { message: `message ${messageId} ${status}` },
    );
  /** The first conversation once one exists (a webhook stores before it answers; a poll later). */
  const firstConversation = () =>
    waitFor(async (): Promise<TConversation | undefined> => (await conversations())[0], {
      message: "a conversation",
    });
  /** The message the provider knows as `externalId`, and its conversation, once stored. */
  const stored = (externalId: string) =>
    waitFor(
      async () => {
        for (const conversation of (await conversations()) as TConversation[]) {
          const found = (await messages(conversation.id)).find((m) => m.externalId === externalId);
          if (found) return { conversation, message: found };
        }
        return null;
      },
      { message: `${externalId} stored` },
    );
  /** An agent's reply in the conversation, public unless `visibility` says private. */
  const reply = (conversationId: string, text: string, visibility?: "private") =>
    api.post(`/api/v1/conversations/${conversationId}/messages`, {
      text,
      kind: "reply",
      ...(visibility ? { visibility } : {}),
    });
  /**
   * Pauses polling (the channel still sends), so that nothing polls once the test is over: the
   * poll under way and the one scheduled finish before the test goes on.
   */
  const pausePolling = async () => {
    await api.patch(`/api/v1/channels/${channel.id}`, { config: { pollSeconds: 0 } });
    await pollsSettled(relais, channel.id);
  };
  return {
    account,
    token,
    channel,
    channelId: channel.id,
    api,
    hook,
    conversations,
    messages,
    messagesWhen,
    delivered,
    firstConversation,
    stored,
    reply,
    pausePolling,
  };
}

async function createThroughApi<Options, Answer>(
  api: ReturnType<typeof apiClient>,
  spec: SocialChannelSpec<Options, Answer>,
): Promise<{ id: string }> {
  const created = await api.post("/api/v1/channels", {
    kind: spec.kind,
    name: spec.name,
    config: spec.config,
    secrets: spec.secrets,
  });
  expect(created.status).toBe(201);
  return created.body.data;
}

/**
 * Runs the real CLI as an operator would, without blocking this process: through the running
 * server when it holds the embedded database (its lock is in RELAIS_DATA), else directly on
 * the PostgreSQL database.
 */
export function runRelaisCli(env: Env, args: string[]) {
  const vars: Record<string, string | undefined> = {
    ...process.env,
    RELAIS_DATA: env.RELAIS_DATA,
    RELAIS_SECRET_KEY: env.RELAIS_SECRET_KEY,
    RELAIS_PUBLIC_URL: env.RELAIS_PUBLIC_URL,
    DATABASE_URL: env.DATABASE_URL,
    // The fakes answer on loopback: the CLI on its own (PostgreSQL) must be allowed to call them.
    RELAIS_OUTBOUND_ALLOW_PRIVATE: String(env.RELAIS_OUTBOUND_ALLOW_PRIVATE),
    LOG_LEVEL: "silent",
  };
  if (!env.DATABASE_URL) delete vars.DATABASE_URL;
  const child = spawn(process.execPath, ["bin/relais.js", ...args], { env: vars });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
}

/** One channel's poll jobs (`poll-channel`, jobs/tasks/pollChannel.ts) in the queue, by state. */
async function pollJobs(relais: TestRelais, channelId: string) {
  const { rows } = await sql<{ state: string; n: number }>`
    select state, count(*)::int as n from pgboss.job
    where name = 'poll-channel' and data->>'channelId' = ${channelId}
    group by state`.execute(relais.services.db);
  return new Map(rows.map((row) => [row.state, row.n]));
}

/** How many polls of the channel have run to the end. */
export async function completedPolls(relais: TestRelais, channelId: string): Promise<number> {
  return (await pollJobs(relais, channelId)).get("completed") ?? 0;
}

/**
 * Waits until no poll of the channel is under way or waiting (after polling was paused): the
 * poll that was running has finished and the one scheduled has run and not rescheduled itself.
 */
export function pollsSettled(relais: TestRelais, channelId: string, timeoutMs = 15_000) {
  return waitFor(
    async () => {
      const jobs = await pollJobs(relais, channelId);
      return ["created", "retry", "active"].every((state) => !jobs.get(state));
    },
    { timeoutMs, message: `no poll of channel ${channelId} under way` },
  );
}

/**
 * `relais channel add …` run for real: it must succeed silently and print the new channel's id;
 * the channel's row (in `accountId`) and its opened secrets, for the test to check its settings.
 */
export async function addChannelByCli(relais: TestRelais, accountId: string, args: string[]) {
  const result = await runRelaisCli(relais.services.env, args);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  const printed = JSON.parse(result.stdout);
  expect(printed.id).toMatch(/^[0-9a-f-]{36}$/);
  const row = await relais.services.db
    .selectFrom("channels")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("id", "=", printed.id)
    .executeTakeFirstOrThrow();
  return { printed, row, secrets: relais.services.secrets.open(row.secrets ?? "") };
}
