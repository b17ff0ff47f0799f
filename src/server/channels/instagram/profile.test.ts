import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { graphError, startGraphFake, userConsentRequired } from "../../../../test/fakes/graph.ts";
import type { Channel } from "../../db/schema.ts";
import { appSecretProof } from "../meta/graph.ts";
import { instagramProvider } from "./provider.ts";

const PAGE_ID = "104857600123456";
const IG_USER_ID = "17841400123456789";
const IGSID = "8123456789012345";
const PAGE_TOKEN = "EAAGm0PX4ZCpsBAInstagramProfileToken";
const APP_SECRET = "1a2b3c4d5e6f708192a3b4c5d6e7f809";
const PICTURE =
  "https://scontent-cdg4-2.cdninstagram.com/v/t51.2885-19/448214_n.jpg?_nc_ht=scontent-cdg4-2.cdninstagram.com&oh=00_AYD&oe=6745A1B2";

describe("Instagram describeIdentity (Instagram Messaging User Profile API)", () => {
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

  function channel() {
    const config = { pageId: PAGE_ID, igUserId: IG_USER_ID, graphUrl: graph.url, humanAgent: true };
    const row: Channel = {
      account_id: "00000000-0000-4000-8000-000000000001",
      id: "00000000-0000-4000-8000-000000000003",
      kind: "instagram",
      name: "@maisonlumiere",
      config,
      secrets: null,
      state: {},
      disabled_at: null,
      sign_public_replies: false,
      created_at: new Date(),
      last_received_at: null,
      last_error: null,
      last_error_at: null,
    };
    return {
      row,
      config,
      secrets: { pageToken: PAGE_TOKEN, appSecret: APP_SECRET, verifyToken: "verify-token-1" },
    };
  }
  const describeIdentity = (value: string, kind: "facebook" | "instagram" = "instagram") =>
    instagramProvider.describeIdentity!(
      channel(),
      { kind, value },
      { timeoutMs: 2000, allowPrivateAddresses: true },
    );

  it("reads the IGSID's name, username (the handle) and picture with the Page token", async () => {
    graph.setProfile(IGSID, {
      name: "Priya Shah",
      username: "priya.shah.uk",
      profile_pic: PICTURE,
      follower_count: 1234,
      is_user_follow_business: true,
    });
    expect(await describeIdentity(IGSID)).toEqual({
      displayName: "Priya Shah",
      handle: "priya.shah.uk",
      avatarUrl: PICTURE,
    });
    const [call] = graph.calls;
    expect(call?.method).toBe("GET");
    expect(call?.path).toBe(IGSID);
    expect(call?.query.get("fields")).toBe("name,username,profile_pic");
    expect(call?.token).toBe(PAGE_TOKEN);
    expect(call?.query.get("appsecret_proof")).toBe(appSecretProof(PAGE_TOKEN, APP_SECRET));
  });

  it("keeps the username when the person has set no name", async () => {
    graph.setProfile("8123456789012399", { name: null, username: "tom_b", profile_pic: null });
    expect(await describeIdentity("8123456789012399")).toEqual({
      displayName: null,
      handle: "tom_b",
      avatarUrl: null,
    });
  });

  it("answers null without consent (230), and throws when Meta fails", async () => {
    graph.failNext(/^8123456789012311$/, userConsentRequired());
    expect(await describeIdentity("8123456789012311")).toBeNull();
    graph.failNext(
      /^8123456789012311$/,
      graphError(503, { message: "Service temporarily unavailable", code: 2 }),
    );
    await expect(describeIdentity("8123456789012311")).rejects.toThrow(/temporarily unavailable/);
    expect(await describeIdentity(IGSID, "facebook")).toBeNull();
    expect(graph.calls).toHaveLength(2);
  });
});
