import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  graphError,
  metaFixture,
  noProfileAvailable,
  postMetaHook,
  startGraphFake,
  userConsentRequired,
} from "../../../../test/fakes/graph.ts";
import { createAccount } from "../../../../test/support/factories.ts";
import { apiClient } from "../../../../test/support/http.ts";
import { startTestRelais } from "../../../../test/support/relais.ts";
import { waitFor } from "../../../../test/support/wait.ts";
import { appSecretProof } from "../../channels/meta/graph.ts";
import { channelCreator } from "../../commands/channelCreator.ts";
import { processorTaskName } from "../processor.ts";
import { identityProfilesProcessor } from "./identityProfiles.ts";

const PAGE_ID = "104857600123456";
const IG_USER_ID = "17841400123456789";
const PAGE_TOKEN = "EAAGm0PX4ZCpsBAProfilesPageToken";
const APP_SECRET = "5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b";
const VERIFY_TOKEN = "relais-verify-profiles";
const MESSENGER_PIC =
  "https://platform-lookaside.fbsbx.com/platform/profilepic/?psid=7281946350099001&height=1024&width=1024&ext=1797764400&hash=AbYx1Q2w3E4r5T6y";
const INSTAGRAM_PIC =
  "https://scontent-cdg4-2.cdninstagram.com/v/t51.2885-19/448214_n.jpg?_nc_ht=scontent-cdg4-2.cdninstagram.com&oh=00_AYD&oe=6745A1B2";

let sequence = 0;
/** A scoped id of our own per test, so that each test scripts its own person at the fake. */
const scopedId = (prefix: string) => `${prefix}${Date.now() % 1e9}${++sequence}`;

describe("customers' names and avatars from Meta's User Profile APIs", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let graph: Awaited<ReturnType<typeof startGraphFake>>;

  beforeAll(async () => {
    relais = await startTestRelais();
    graph = await startGraphFake({ accessToken: PAGE_TOKEN, appSecret: APP_SECRET });
  });
  afterAll(async () => {
    await relais?.stop();
    await graph?.close();
  });

  async function setup(kind: "facebook" | "instagram") {
    const { account, token } = await createAccount(relais.services, { locale: "en" });
    const channel = await channelCreator(relais.services.db, relais.services.secrets, {
      accountId: account.id,
      kind,
      name: kind === "facebook" ? "Maison Lumière" : "@maisonlumiere",
      config:
        kind === "facebook"
          ? { pageId: PAGE_ID, graphUrl: graph.url }
          : { pageId: PAGE_ID, igUserId: IG_USER_ID, graphUrl: graph.url },
      secrets: { pageToken: PAGE_TOKEN, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN },
    });
    const api = apiClient(relais.url, token);
    /** A customer's DM from `sender`, signed as Meta signs it. */
    const send = async (sender: string, text: string) => {
      const payload =
        kind === "facebook"
          ? metaFixture("facebook-messaging-message", { "7281946350012345": sender })
          : metaFixture("instagram-message", { "8123456789012345": sender });
      const event = payload.entry[0].messaging[0];
      event.timestamp = Date.now();
      event.message = { mid: `m_${sender}_${++sequence}`, text };
      const response = await postMetaHook(relais.url, channel.id, APP_SECRET, payload);
      expect(response.status).toBe(200);
    };
    const contactOf = async (sender: string) => {
      const row = await waitFor(() =>
        relais.services.db
          .selectFrom("identities")
          .select("contact_id")
          .where("account_id", "=", account.id)
          .where("value", "=", sender)
          .executeTakeFirst(),
      );
      const contact = await api.get(`/api/v1/contacts/${row.contact_id}`);
      expect(contact.status).toBe(200);
      return contact.body.data;
    };
    /** Every event of the account published and every profile job done (none to retry). */
    const settled = () =>
      waitFor(
        async () => {
          const { rows } = await sql<{ unpublished: number; pending: number }>`
            select
              (select count(*)::int from events
                where account_id = ${account.id} and published_at is null) as unpublished,
              (select count(*)::int from pgboss.job
                where name = ${processorTaskName(identityProfilesProcessor)}
                  and data->>'accountId' = ${account.id}
                  and state not in ('completed', 'failed', 'cancelled')) as pending`.execute(
            relais.services.db,
          );
          return rows[0]?.unpublished === 0 && rows[0]?.pending === 0;
        },
        { message: "profile jobs settled" },
      );
    const lookups = (sender: string) =>
      graph.calls.filter((call) => call.method === "GET" && call.path === sender);
    const failedJobs = async () => {
      const { rows } = await sql<{ count: number }>`
        select count(*)::int as count from pgboss.job
        where name = ${processorTaskName(identityProfilesProcessor)}
          and data->>'accountId' = ${account.id} and (state = 'failed' or retry_count > 0)`.execute(
        relais.services.db,
      );
      return rows[0]?.count;
    };
    return { account, api, send, contactOf, settled, lookups, failedJobs };
  }

  it("names a Messenger customer known only by PSID, with their picture, asking Meta once", async () => {
    const { send, contactOf, settled, lookups, failedJobs } = await setup("facebook");
    const psid = scopedId("72");
    graph.setProfile(psid, {
      first_name: "James",
      last_name: "Whitaker",
      profile_pic: MESSENGER_PIC,
      locale: "en_GB",
    });
    await send(psid, "Hi, the blender I received smells of burning. Order #A-10293.");

    const named = await waitFor(async () => {
      const contact = await contactOf(psid);
      return contact.name ? contact : null;
    });
    expect(named.name).toBe("James Whitaker");
    expect(named.avatarUrl).toBe(MESSENGER_PIC);
    expect(named.identities).toContainEqual(
      expect.objectContaining({
        kind: "facebook",
        value: psid,
        displayName: "James Whitaker",
        handle: null,
        avatarUrl: MESSENGER_PIC,
      }),
    );
    const [call] = lookups(psid);
    expect(call?.query.get("fields")).toBe("first_name,last_name,profile_pic");
    expect(call?.token).toBe(PAGE_TOKEN);
    expect(call?.query.get("appsecret_proof")).toBe(appSecretProof(PAGE_TOKEN, APP_SECRET));

    await send(psid, "Also, the lid is cracked.");
    await send(psid, "Photo attached soon.");
    await settled();
    expect(lookups(psid)).toHaveLength(1);
    expect(await failedJobs()).toBe(0);
  });

  it("names an Instagram customer by IGSID, with their username as handle", async () => {
    const { send, contactOf, settled, lookups } = await setup("instagram");
    const igsid = scopedId("81");
    graph.setProfile(igsid, {
      name: "Priya Shah",
      username: "priya.shah.uk",
      profile_pic: INSTAGRAM_PIC,
      follower_count: 1234,
    });
    await send(igsid, "Bonjour, la housse existe-t-elle en 240x260 ?");
    const named = await waitFor(async () => {
      const contact = await contactOf(igsid);
      return contact.name ? contact : null;
    });
    expect(named.name).toBe("Priya Shah");
    expect(named.avatarUrl).toBe(INSTAGRAM_PIC);
    expect(named.identities).toContainEqual(
      expect.objectContaining({
        kind: "instagram",
        value: igsid,
        displayName: "Priya Shah",
        handle: "priya.shah.uk",
        avatarUrl: INSTAGRAM_PIC,
      }),
    );
    expect(lookups(igsid)[0]?.query.get("fields")).toBe("name,username,profile_pic");
    await send(igsid, "Merci !");
    await settled();
    expect(lookups(igsid)).toHaveLength(1);
  });

  it("leaves the contact nameless when Meta refuses (no consent), failing nothing, once per conversation", async () => {
    const { send, contactOf, settled, lookups, failedJobs, api } = await setup("instagram");
    const igsid = scopedId("82");
    graph.failNext(new RegExp(`^${igsid}$`), userConsentRequired());
    await send(igsid, "Is the linen duvet back in stock?");
    await settled();
    const contact = await contactOf(igsid);
    expect(contact.name).toBeNull();
    expect(contact.avatarUrl).toBeNull();
    expect(contact.identities).toContainEqual(
      expect.objectContaining({ kind: "instagram", value: igsid, displayName: null }),
    );
    expect(lookups(igsid)).toHaveLength(1);
    expect(await failedJobs()).toBe(0);
    const conversations = (await api.get("/api/v1/conversations")).body.data;
    expect(conversations).toHaveLength(1);
    const messages = (await api.get(`/api/v1/conversations/${conversations[0].id}/messages`)).body
      .data;
    expect(messages.map((m: { text: string }) => m.text)).toEqual([
      "Is the linen duvet back in stock?",
    ]);

    // More messages in the same conversation do not ask again.
    await send(igsid, "Hello?");
    await settled();
    expect(lookups(igsid)).toHaveLength(1);
  });

  it("asks again in the customer's next conversation, not before (Messenger's 2018218)", async () => {
    const { send, contactOf, settled, lookups, failedJobs, api } = await setup("facebook");
    const psid = scopedId("73");
    graph.failNext(new RegExp(`^${psid}$`), noProfileAvailable());
    await send(psid, "Where is my parcel?");
    await settled();
    expect((await contactOf(psid)).name).toBeNull();
    expect(lookups(psid)).toHaveLength(1);
    expect(await failedJobs()).toBe(0);

    const [conversation] = (await api.get("/api/v1/conversations")).body.data;
    const resolved = await api.patch(`/api/v1/conversations/${conversation.id}`, {
      status: "resolved",
    });
    expect(resolved.status).toBe(200);
    graph.setProfile(psid, { first_name: "Amélie", last_name: "Roux", profile_pic: null });
    await send(psid, "Another question about my order.");
    const named = await waitFor(async () => {
      const contact = await contactOf(psid);
      return contact.name ? contact : null;
    });
    expect(named.name).toBe("Amélie Roux");
    expect(named.avatarUrl).toBeNull();
    await settled();
    expect(lookups(psid)).toHaveLength(2);
  });

  it("retries a lookup Meta could not answer, and keeps the name an agent gave", async () => {
    const { send, contactOf, settled, lookups, api } = await setup("facebook");
    const psid = scopedId("74");
    graph.failNext(
      new RegExp(`^${psid}$`),
      graphError(500, {
        message: "An unexpected error has occurred. Please retry your request later.",
        code: 2,
      }),
    );
    graph.setProfile(psid, {
      first_name: "Karim",
      last_name: "Benali",
      profile_pic: MESSENGER_PIC,
    });
    await send(psid, "My order arrived damaged.");
    const contact = await contactOf(psid);
    // The agent names the customer while Meta is down; the retry must not undo it.
    const renamed = await api.patch(`/api/v1/contacts/${contact.id}`, { name: "Karim (VIP)" });
    expect(renamed.status).toBe(200);

    const described = await waitFor(
      async () => {
        // The contact and its identities are two reads: wait for the one transaction that
        // wrote both (the avatar on the contact, the name on the identity) to show in both.
        const current = await contactOf(psid);
        return current.avatarUrl &&
          current.identities.find((i: { displayName: string | null }) => i.displayName)
          ? current
          : null;
      },
      { timeoutMs: 20_000 },
    );
    expect(described.name).toBe("Karim (VIP)");
    expect(described.avatarUrl).toBe(MESSENGER_PIC);
    expect(described.identities).toContainEqual(
      expect.objectContaining({ value: psid, displayName: "Karim Benali" }),
    );
    await settled();
    expect(lookups(psid)).toHaveLength(2);
  }, 30_000);
});
