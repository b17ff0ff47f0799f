import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businessUsageHeader, graphError } from "../../../../test/fakes/graph.ts";
import { type FakeHandler, startFakeServer } from "../../../../test/support/fakeServer.ts";
import type { SendContext } from "../provider.ts";
import {
  appSecretProof,
  GRAPH_VERSION,
  type GraphResult,
  graphRequest,
  parseUsage,
} from "./graph.ts";
import { sendThroughGraph, throttledUntil } from "./send.ts";

const credentials = (baseUrl: string) => ({
  baseUrl,
  accessToken: "EAAB-page-token-for-graph-tests",
  appSecret: "graph-test-app-secret",
});

describe("the Graph client", () => {
  let server: Awaited<ReturnType<typeof startFakeServer>>;
  const answerWith = (handler: FakeHandler) => server.respondWith(handler);

  beforeAll(async () => {
    server = await startFakeServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  async function post(): Promise<GraphResult<{ id: string }>> {
    return graphRequest(
      credentials(server.url),
      { method: "POST", path: "123/comments", body: { message: "Bonjour" } },
      2000,
    );
  }

  it("calls the pinned version with the token, the app secret proof and a JSON body", async () => {
    answerWith(() => ({ status: 200, body: { id: "123_456" } }));
    const result = await post();
    expect(result).toMatchObject({ ok: true, data: { id: "123_456" } });
    const request = server.requests.at(-1)!;
    const url = new URL(request.url, "http://x");
    expect(url.pathname).toBe(`/${GRAPH_VERSION}/123/comments`);
    expect(url.searchParams.get("appsecret_proof")).toBe(
      appSecretProof("EAAB-page-token-for-graph-tests", "graph-test-app-secret"),
    );
    expect(request.headers.authorization).toBe("Bearer EAAB-page-token-for-graph-tests");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.json).toEqual({ message: "Bonjour" });
  });

  it("shows Meta's message and code and does not retry a permanent error", async () => {
    answerWith(() =>
      graphError(400, {
        message: "Invalid OAuth access token - Cannot parse access token",
        code: 190,
      }),
    );
    const result = await post();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toEqual({
      ok: false,
      retryable: false,
      reason: "Invalid OAuth access token - Cannot parse access token (code 190)",
      retryAfterMs: undefined,
    });
    expect(result.error?.fbtraceId).toMatch(/^A/);
  });

  it("derives the wait from estimated_time_to_regain_access (minutes)", async () => {
    answerWith(() =>
      graphError(
        400,
        { message: "(#80001) There have been too many calls to this Page account.", code: 80001 },
        businessUsageHeader("104857600123456", "pages", 7),
      ),
    );
    const result = await post();
    if (result.ok) throw new Error("expected a failure");
    expect(result.throttled).toBe(true);
    expect(result.failure.retryable).toBe(true);
    expect(result.failure.retryAfterMs).toBe(7 * 60_000);
    expect(result.failure.reason).toContain("Rate limited by Meta");
  });

  it("treats 429, the rate-limit codes and transient errors as retryable", async () => {
    answerWith(() => ({ status: 429, headers: { "retry-after": "12" }, body: "slow down" }));
    let result = await post();
    if (result.ok) throw new Error("expected a failure");
    expect(result.failure).toMatchObject({ retryable: true, retryAfterMs: 12_000 });

    for (const code of [4, 17, 32, 613, 80007, 130429, 131056]) {
      answerWith(() => graphError(400, { message: `(#${code}) limit`, code }));
      result = await post();
      if (result.ok) throw new Error("expected a failure");
      expect(result.throttled, `code ${code}`).toBe(true);
      expect(result.failure.retryable, `code ${code}`).toBe(true);
    }

    answerWith(() => ({
      status: 500,
      body: {
        error: { message: "An unexpected error has occurred.", code: 2, is_transient: true },
      },
    }));
    result = await post();
    if (result.ok) throw new Error("expected a failure");
    expect(result.throttled).toBe(false);
    expect(result.failure.retryable).toBe(true);
  });

  it("parses X-App-Usage and X-Business-Use-Case-Usage", () => {
    const headers = new Headers({
      "x-app-usage": JSON.stringify({ call_count: 28, total_time: 25, total_cputime: 25 }),
      ...businessUsageHeader("17841400123456789", "instagram", 3, 96),
    });
    expect(parseUsage(headers)).toEqual({ maxPercent: 96, regainAccessMs: 180_000 });
    expect(parseUsage(new Headers({ "x-app-usage": "not json" }))).toEqual({ maxPercent: 0 });
  });

  it("holds the channel's other sends while Meta has blocked access", async () => {
    answerWith(() =>
      graphError(
        400,
        { message: "(#32) Page request limit reached", code: 32 },
        businessUsageHeader("104857600123456", "pages", 2),
      ),
    );
    const saved: Record<string, unknown>[] = [];
    const context: SendContext = {
      timeoutMs: 2000,
      allowPrivateAddresses: true,
      saveState: async (state) => {
        saved.push(state);
      },
    };
    const before = server.requests.length;
    const first = await sendThroughGraph(
      credentials(server.url),
      {},
      { method: "POST", path: "1/messages", body: {} },
      context,
    );
    expect("usage" in first && !first.ok && first.throttled).toBe(true);
    expect(saved).toHaveLength(1);
    const state = saved[0]!;
    const blocked = throttledUntil(state);
    expect(blocked).toMatchObject({ ok: false, retryable: true });
    expect(blocked && !blocked.ok && blocked.retryAfterMs).toBeGreaterThan(110_000);

    const second = await sendThroughGraph(
      credentials(server.url),
      state,
      { method: "POST", path: "1/messages", body: {} },
      context,
    );
    expect(second).toMatchObject({ ok: false, retryable: true });
    expect(server.requests.length).toBe(before + 1);
  });
});
