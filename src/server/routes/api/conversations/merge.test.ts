import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import {
  createAccount,
  createApiChannel,
  createUser,
} from "../../../../../test/support/factories.ts";
import { apiClient, postSignedHook } from "../../../../../test/support/http.ts";
import { useTestRelais } from "../../../../../test/support/useRelais.ts";
import { waitFor } from "../../../../../test/support/wait.ts";
import type { InboundMessage } from "../../../channels/provider.ts";
import type { ResolvedContact } from "../../../commands/contactResolver.ts";
import {
  CONVERSATION_REFERENCES,
  DROPPED_REFERENCES,
} from "../../../commands/conversationMerger.ts";
import { conversationFor } from "../../../models/inboundConversations.ts";

/**
 * One customer's two conversations about one problem made one: by an agent through
 * `POST /api/v1/conversations/:id/merge`, or by Relais when the account chose `repeatAction:
 * "reopen"` and the customer comes back on the same channel about a resolved problem.
 */
describe("conversation merge and repeat settings", { timeout: 120_000 }, () => {
  const relais = useTestRelais();

  async function writes(channel: { id: string }, secret: string, contactId: string, text: string) {
    const response = await postSignedHook(relais().url, channel.id, secret, {
      message: { id: `m-${Math.random().toString(36).slice(2)}`, text },
      contact: { id: contactId },
    });
    expect(response.status).toBeLessThan(300);
  }

  async function conversationsOf(accountId: string) {
    return relais()
      .services.db.selectFrom("conversations")
      .selectAll()
      .where("account_id", "=", accountId)
      .orderBy("created_at")
      .execute();
  }

  async function messageCount(accountId: string, conversationId: string) {
    const row = await relais()
      .services.db.selectFrom("messages")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("account_id", "=", accountId)
      .where("conversation_id", "=", conversationId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** A customer who wrote about order 48213 on two channels: two linked conversations. */
  async function repeatPair() {
    const { services } = relais();
    const owner = await createAccount(services);
    const shop = await createApiChannel(services, owner.account.id);
    const app = await createApiChannel(services, owner.account.id);
    await writes(shop.channel, shop.secret, "c-1", "Ma commande 48213 n'est jamais arrivée.");
    await writes(shop.channel, shop.secret, "c-1", "Le suivi ne bouge plus depuis lundi.");
    await writes(app.channel, app.secret, "c-1", "Toujours rien pour la commande n° 48213 !");
    const [first, second] = await waitFor(
      async () => {
        const rows = await conversationsOf(owner.account.id);
        return rows.length === 2 && rows[1]?.repeat_of_id ? rows : null;
      },
      { message: "the second conversation linked as a repeat" },
    );
    if (!first || !second) throw new Error("two conversations expected");
    return { ...owner, shop, app, first, second };
  }

  it("lets an agent merge the earlier conversation into the repeat, audited, never across accounts", async () => {
    const s = await repeatPair();
    const agent = await createUser(relais().services, s.account.id, "agent");
    const api = apiClient(relais().url, agent.token);
    expect(await messageCount(s.account.id, s.first.id)).toBe(2);
    expect(await messageCount(s.account.id, s.second.id)).toBe(1);
    // The agent on the repeat sees what the earlier conversation was about.
    const repeat = await api.get(`/api/v1/conversations/${s.second.id}`);
    expect(repeat.body.data.repeatOf).toMatchObject({
      id: s.first.id,
      reason: "same_order",
      summary: "Ma commande 48213 n'est jamais arrivée.",
    });

    // Another account's agent sees neither conversation: 404 both ways, nothing moves.
    const stranger = await createAccount(relais().services, { role: "agent" });
    const foreign = apiClient(relais().url, stranger.token);
    const across = await foreign.post(`/api/v1/conversations/${s.second.id}/merge`, {
      sourceId: s.first.id,
    });
    expect(across.status).toBe(404);
    expect(across.body.error.id).toBeTruthy();
    const { channel: strangerChannel, secret } = await createApiChannel(
      relais().services,
      stranger.account.id,
    );
    await writes(strangerChannel, secret, "c-1", "Bonjour");
    const [theirs] = await waitFor(async () => {
      const rows = await conversationsOf(stranger.account.id);
      return rows.length === 1 ? rows : null;
    });
    const intoMine = await foreign.post(`/api/v1/conversations/${theirs?.id}/merge`, {
      sourceId: s.first.id,
    });
    expect(intoMine.status).toBe(404);
    expect(await messageCount(s.account.id, s.first.id)).toBe(2);
    // A viewer may not merge.
    const viewer = await createUser(relais().services, s.account.id, "viewer");
    const byViewer = await apiClient(relais().url, viewer.token).post(
      `/api/v1/conversations/${s.second.id}/merge`,
      { sourceId: s.first.id },
    );
    expect(byViewer.status).toBe(403);
    // Into itself: 422.
    const self = await api.post(`/api/v1/conversations/${s.second.id}/merge`, {
      sourceId: s.second.id,
    });
    expect(self.status).toBe(422);

    const merged = await api.post(`/api/v1/conversations/${s.second.id}/merge`, {
      sourceId: s.first.id,
    });
    expect(merged.status).toBe(200);
    expect(merged.body.data).toMatchObject({ id: s.second.id, status: "open" });
    expect(await messageCount(s.account.id, s.second.id)).toBe(3);
    expect(await messageCount(s.account.id, s.first.id)).toBe(0);
    const [first, second] = await conversationsOf(s.account.id);
    expect(first).toMatchObject({ status: "resolved", merged_into_id: s.second.id });
    // The merged conversation was what the survivor repeated: the survivor repeats nothing now.
    expect(second).toMatchObject({ merged_into_id: null, repeat_of_id: null, repeat_reason: null });
    const detail = await api.get(`/api/v1/conversations/${s.second.id}`);
    expect(detail.body.data.messages.map((message: { text: string }) => message.text)).toEqual([
      "Ma commande 48213 n'est jamais arrivée.",
      "Le suivi ne bouge plus depuis lundi.",
      "Toujours rien pour la commande n° 48213 !",
    ]);

    // Audited on both conversations: who, what, when, what moved.
    const supervisor = await createUser(relais().services, s.account.id, "supervisor");
    const audit = await apiClient(relais().url, supervisor.token).get(
      `/api/v1/audit?subjectType=conversation&subjectId=${s.second.id}`,
    );
    expect(audit.status).toBe(200);
    expect(audit.body.data).toEqual([
      expect.objectContaining({
        action: "conversation.merge",
        actor: { id: agent.id, name: agent.name },
        data: expect.objectContaining({
          sourceId: s.first.id,
          sourceNumber: s.first.number,
          // The order number the first conversation named goes with its messages.
          moved: { messages: 2, contact_mentions: 1 },
          reopened: false,
        }),
      }),
    ]);
    // Merged once: a second merge of the same source is refused.
    const again = await api.post(`/api/v1/conversations/${s.second.id}/merge`, {
      sourceId: s.first.id,
    });
    expect(again.status).toBe(422);
    expect(again.body.error.id).toBe("already_merged");

    // A message that names the merged conversation (its number, a thread, a reply) continues the
    // conversation it went into.
    const continued = await relais()
      .services.db.transaction()
      .execute((trx) =>
        conversationFor(
          trx,
          s.shop.channel,
          {
            conversationNumber: s.first.number,
            text: "Re",
            visibility: "private",
          } as InboundMessage,
          { contactId: s.first.contact_id, created: false } as ResolvedContact,
        ),
      );
    expect(continued?.id).toBe(s.second.id);
  });

  it("refuses to merge conversations of two different customers", async () => {
    const { services } = relais();
    const { account, token } = await createAccount(services);
    const shop = await createApiChannel(services, account.id);
    await writes(shop.channel, shop.secret, "c-a", "Bonjour, une question");
    await writes(shop.channel, shop.secret, "c-b", "Bonjour, autre client");
    const [a, b] = await waitFor(async () => {
      const rows = await conversationsOf(account.id);
      return rows.length === 2 ? rows : null;
    });
    const refused = await apiClient(relais().url, token).post(
      `/api/v1/conversations/${a?.id}/merge`,
      { sourceId: b?.id },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.id).toBe("different_customers");
  });

  it("moves every table that points at a conversation (checked against the catalogue)", async () => {
    const { rows } = await sql<{ table_name: string }>`
      select distinct table_name from information_schema.columns
      where table_schema = current_schema() and column_name = 'conversation_id'
      order by table_name`.execute(relais().services.db);
    expect(rows.map((row) => row.table_name)).toEqual(
      [...CONVERSATION_REFERENCES, ...DROPPED_REFERENCES].sort(),
    );
  });

  it("keeps the repeat settings, and reopens a resolved conversation on the same channel when asked", async () => {
    const { services } = relais();
    const { account, token } = await createAccount(services);
    const api = apiClient(relais().url, token);
    expect((await api.get("/api/v1/repeats/settings")).body.data).toEqual({
      repeatWindowDays: 7,
      repeatAction: "link",
    });
    const agent = await createUser(services, account.id, "agent");
    const byAgent = await apiClient(relais().url, agent.token).patch("/api/v1/repeats/settings", {
      repeatAction: "reopen",
    });
    expect(byAgent.status).toBe(403);
    expect((await api.patch("/api/v1/repeats/settings", { repeatWindowDays: 0 })).status).toBe(400);
    const changed = await api.patch("/api/v1/repeats/settings", {
      repeatWindowDays: 14,
      repeatAction: "reopen",
    });
    expect(changed.body.data).toEqual({ repeatWindowDays: 14, repeatAction: "reopen" });

    const shop = await createApiChannel(services, account.id);
    await writes(shop.channel, shop.secret, "c-3", "Ma commande 77120 est arrivée cassée.");
    const [earlier] = await waitFor(async () => {
      const rows = await conversationsOf(account.id);
      return rows.length === 1 ? rows : null;
    });
    const resolved = await api.patch(`/api/v1/conversations/${earlier?.id}`, {
      status: "resolved",
    });
    expect(resolved.body.data.status).toBe("resolved");
    // A resolved conversation is not continued by a new private message: a new one starts, is
    // found to repeat the earlier one, and is merged into it, which reopens.
    await writes(shop.channel, shop.secret, "c-3", "Au sujet de la commande 77120, toujours rien.");
    const rows = await waitFor(
      async () => {
        const found = await conversationsOf(account.id);
        return found.length === 2 && found[1]?.merged_into_id ? found : null;
      },
      { message: "the repeat merged into the earlier conversation" },
    );
    expect(rows[1]).toMatchObject({ merged_into_id: earlier?.id, repeat_of_id: earlier?.id });
    expect(rows[0]).toMatchObject({ id: earlier?.id, status: "open", resolved_at: null });
    expect(await messageCount(account.id, earlier?.id ?? "")).toBe(2);
  });
});
