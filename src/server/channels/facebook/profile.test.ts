import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  businessUsageHeader,
  graphError,
  noProfileAvailable,
  startGraphFake,
} from "../../../../test/fakes/graph.ts";
import type { Channel } from "../../db/schema.ts";
import { appSecretProof, GRAPH_VERSION } from "../meta/graph.ts";
import { facebookProvider } from "./provider.ts";

const PAGE_ID = "104857600123456";
const PSID = "7281946350012345";
const PAGE_TOKEN = "EAAGm0PX4ZCpsBAProfileLookupToken";
const APP_SECRET = "9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a";
const PICTURE =
  "https://platform-lookaside.fbsbx.com/platform/profilepic/?psid=7281946350012345&height=1024&width=1024&ext=1797764400&hash=AbYx1Q2w3E4r5T6y";

describe("Facebook describeIdentity (Messenger User Profile API)", () => {
  let graph: Awaited<ReturnType<typeof startGraphFake>>;
  beforeAll(async () => {
    graph = await startGraphFake({ accessToken: PAGE_TOKEN, appSecret: APP_SECRET });
  });
  afterAll(async () => {
    await graph?.close();
  });
  beforeEach(() => {
    graph.calls.length = 0;
  });

  function channel(state: Record<string, unknown> = {}) {
    const row: Channel = {
      account_id: "00000000-0000-4000-8000-000000000001",
      id: "00000000-0000-4000-8000-000000000002",
      kind: "facebook",
      name: "Maison Lumière",
      config: { pageId: PAGE_ID, graphUrl: graph.url },
      secrets: null,
      state,
      disabled_at: null,
      sign_public_replies: false,
      created_at: new Date(),
      last_received_at: null,
      last_error: null,
      last_error_at: null,
    };
    return {
      row,
      config: { pageId: PAGE_ID, graphUrl: graph.url, humanAgent: true },
      secrets: { pageToken: PAGE_TOKEN, appSecret: APP_SECRET, verifyToken: "verify-token-1" },
    };
  }
  const describeIdentity = (
    value: string,
    state: Record<string, unknown> = {},
    kind: "facebook" | "instagram" = "facebook",
  ) =>
    facebookProvider.describeIdentity!(
      channel(state),
      { kind, value },
      { timeoutMs: 2000, allowPrivateAddresses: true },
    );

  it("reads the PSID's first and last name and picture with the Page token", async () => {
    graph.setProfile(PSID, {
      first_name: "James",
      last_name: "Whitaker",
      profile_pic: PICTURE,
      locale: "en_GB",
      timezone: 1,
    });
    expect(await describeIdentity(PSID)).toEqual({
      displayName: "James Whitaker",
      avatarUrl: PICTURE,
    });
    expect(graph.calls).toHaveLength(1);
    const [call] = graph.calls;
    expect(call?.method).toBe("GET");
    expect(call?.path).toBe(PSID);
    expect(call?.query.get("fields")).toBe("first_name,last_name,profile_pic");
    expect(call?.token).toBe(PAGE_TOKEN);
    expect(call?.query.get("appsecret_proof")).toBe(appSecretProof(PAGE_TOKEN, APP_SECRET));
    expect(GRAPH_VERSION).toMatch(/^v\d+\.0$/);
  });

  it("keeps only what Meta gives: a first name alone, never a non-http picture", async () => {
    graph.setProfile("7281946350012399", {
      first_name: "Zoé",
      last_name: null,
      profile_pic: "javascript:alert(1)",
    });
    expect(await describeIdentity("7281946350012399")).toEqual({
      displayName: "Zoé",
      avatarUrl: null,
    });
  });

  it("answers null, once, when Meta has no profile to give (2018218, an empty object, an unknown id)", async () => {
    graph.failNext(/^6000000000000001$/, noProfileAvailable());
    expect(await describeIdentity("6000000000000001")).toBeNull();
    // Without permission, Meta may answer an object holding no profile field.
    graph.failNext(/^6000000000000002$/, { status: 200, body: { id: "6000000000000002" } });
    expect(await describeIdentity("6000000000000002")).toBeNull();
    expect(await describeIdentity("6000000000000003")).toBeNull();
    expect(graph.calls.map((call) => call.path)).toEqual([
      "6000000000000001",
      "6000000000000002",
      "6000000000000003",
    ]);
  });

  it("throws on what is worth retrying: 5xx, 429 and Meta's rate-limit codes", async () => {
    graph.failNext(
      /^6000000000000004$/,
      graphError(500, { message: "An unexpected error has occurred.", code: 2 }),
    );
    await expect(describeIdentity("6000000000000004")).rejects.toThrow(
      /An unexpected error has occurred/,
    );
    graph.failNext(/^6000000000000004$/, {
      status: 429,
      headers: { "retry-after": "30" },
      body: { error: { message: "Too many requests", type: "OAuthException", code: 4 } },
    });
    await expect(describeIdentity("6000000000000004")).rejects.toThrow(/Rate limited by Meta/);
    graph.failNext(
      /^6000000000000004$/,
      graphError(
        400,
        { message: "(#32) Page request limit reached", code: 32 },
        businessUsageHeader(PAGE_ID, "pages", 5),
      ),
    );
    await expect(describeIdentity("6000000000000004")).rejects.toThrow(/Page request limit/);
    expect(graph.calls).toHaveLength(3);
  });

  it("does not call Meta while the channel is throttled, nor for what is not a PSID", async () => {
    await expect(
      describeIdentity(PSID, { metaThrottledUntil: Date.now() + 60_000 }),
    ).rejects.toThrow(/postponed: Rate limited by Meta until/);
    expect(await describeIdentity("me")).toBeNull();
    expect(await describeIdentity("123/messages")).toBeNull();
    expect(await describeIdentity(PSID, {}, "instagram")).toBeNull();
    expect(graph.calls).toHaveLength(0);
  });
});
