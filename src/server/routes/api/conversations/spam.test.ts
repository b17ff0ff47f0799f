import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { startXFake, v1Tweet, type XUser, xDeliverer } from "../../../../../test/fakes/x.ts";
import { socialChannel } from "../../../../../test/support/socialHarness.ts";
import { useTestRelais } from "../../../../../test/support/useRelais.ts";
import type { TConversation } from "../../../../shared/schemas.ts";

const SECRETS = {
  consumerKey: "xvz1evFS4wEEPTGEFPHBog",
  consumerSecret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
  accessToken: "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
  accessTokenSecret: "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
};
const BRAND = "370773112";
const TROLL: XUser = {
  id: "1456700001",
  name: "Troll",
  username: "troll_42",
  followers: 3,
  avatar: "https://pbs.twimg.com/profile_images/1/troll_normal.jpg",
};

/** Blocking a contact and marking a conversation as spam (issue 21, §8). */
describe("blocked contacts and spam", { timeout: 120_000 }, () => {
  const relais = useTestRelais();
  let x: Awaited<ReturnType<typeof startXFake>>;
  beforeAll(async () => {
    x = await startXFake(SECRETS);
    return () => x.close();
  });

  async function setup() {
    const ctx = await socialChannel(relais(), {
      kind: "x",
      name: "@MaisonLumiere",
      config: { userId: BRAND, apiUrl: x.url },
      secrets: SECRETS,
      deliver: xDeliverer(SECRETS.consumerSecret),
    });
    const mention = async (text: string) => {
      const answer = await ctx.hook({
        for_user_id: BRAND,
        tweet_create_events: [v1Tweet(TROLL, { text })],
      });
      expect(answer.status).toBe(200);
    };
    /** Every event written for the account since `since` (the outbox). */
    const eventsSince = async (since: Date) => {
      const { rows } = await sql<{ name: string }>`
        select name from events where account_id = ${ctx.account.id} and created_at > ${since}
      `.execute(relais().services.db);
      return rows.map((row) => row.name);
    };
    return { ...ctx, mention, eventsSince };
  }

  it("marks a conversation as spam: closed, out of lists and reports, its sender blocked on request", async () => {
    const ctx = await setup();
    await ctx.mention("@MaisonLumiere gagnez un iPhone ici");
    const [conversation] = (await ctx.conversations()) as TConversation[];
    const marked = await ctx.api.post(`/api/v1/conversations/${conversation?.id}/spam`, {
      blockSender: true,
    });
    expect(marked.status).toBe(200);
    expect(marked.body.data).toMatchObject({ spam: true, status: "resolved" });
    expect(await ctx.conversations()).toHaveLength(0);
    const spam = (await ctx.api.get("/api/v1/conversations?spam=only")).body.data;
    expect(spam.map((row: TConversation) => row.id)).toEqual([conversation?.id]);

    const report = await ctx.api.get("/api/v1/reports/overview");
    expect(report.status).toBe(200);
    expect(report.body.data).toMatchObject({ conversations: 0, inboundMessages: 0 });

    const contact = (await ctx.api.get(`/api/v1/contacts/${conversation?.contact.id}`)).body.data;
    expect(contact.blockedAt).not.toBeNull();
    const audit = await sql<{ action: string }>`
      select action from audit_log where account_id = ${ctx.account.id} order by created_at
    `.execute(relais().services.db);
    expect(audit.rows.map((row) => row.action)).toEqual(
      expect.arrayContaining(["conversation.spam", "contact.block"]),
    );
  });

  it("stores a blocked contact's messages without opening a conversation or telling anyone", async () => {
    const ctx = await setup();
    await ctx.mention("@MaisonLumiere premier message");
    const [first] = (await ctx.conversations()) as TConversation[];
    await ctx.api.patch(`/api/v1/conversations/${first?.id}`, { status: "resolved" });
    const blocked = await ctx.api.post(`/api/v1/contacts/${first?.contact.id}/block`);
    expect(blocked.status).toBe(200);
    expect(blocked.body.data.blockedAt).not.toBeNull();

    const since = new Date();
    await ctx.mention("@MaisonLumiere encore moi, répondez !!!");
    // No conversation opened or reopened, no event (so no notification, rule or auto-reply).
    const open = (await ctx.api.get("/api/v1/conversations?status=open")).body.data;
    expect(open).toHaveLength(0);
    expect(await ctx.eventsSince(since)).toEqual([]);
    // …but the message is kept, in a closed spam conversation.
    const [held] = (await ctx.api.get("/api/v1/conversations?spam=only")).body.data;
    expect(held).toMatchObject({ spam: true, status: "resolved" });
    const messages = await ctx.messages(held.id);
    expect(messages.map((m) => m.text)).toEqual(["@MaisonLumiere encore moi, répondez !!!"]);

    // Unblocked, the next message opens a conversation again.
    expect((await ctx.api.delete(`/api/v1/contacts/${first?.contact.id}/block`)).status).toBe(200);
    await ctx.mention("@MaisonLumiere merci de m'avoir débloqué");
    const reopened = (await ctx.api.get("/api/v1/conversations?status=open")).body.data;
    expect(reopened).toHaveLength(1);
  });
});
