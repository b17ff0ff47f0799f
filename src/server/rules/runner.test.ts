import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createAccount, createApiChannel, createUser } from "../../../test/support/factories.ts";
import { startFakeServer } from "../../../test/support/fakeServer.ts";
import { apiClient, postSignedHook } from "../../../test/support/http.ts";
import { startTestRelais } from "../../../test/support/relais.ts";
import { waitFor as waitUntil } from "../../../test/support/wait.ts";
import type { LiveEvent } from "../../shared/events.ts";
import type { TMessage } from "../../shared/schemas.ts";
import type { StoredEvent } from "../jobs/processor.ts";
import { automationProcessor } from "../jobs/processors/automation.ts";

/** A busy machine slows starting Relais (PGlite) and the relay → triage → automation pipeline. */
const STARTUP_MS = 180_000;
const waitFor = <T>(check: () => T | Promise<T>) => waitUntil(check, { timeoutMs: 40_000 });

const DELIVERY_FR =
  "Mon colis n'est toujours pas arrivé, la livraison a une semaine de retard. Je veux être remboursé !";
const DELIVERY_EN = "Where is my parcel? It's a week late";

describe("rules", { timeout: 120_000 }, () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let receiver: Awaited<ReturnType<typeof startFakeServer>>;
  beforeAll(async () => {
    relais = await startTestRelais();
    receiver = await startFakeServer();
  }, STARTUP_MS);
  afterAll(async () => {
    await relais?.stop();
    await receiver?.close();
  });

  async function setup() {
    const created = await createAccount(relais.services);
    const { channel, secret } = await createApiChannel(relais.services, created.account.id, {
      outboundUrl: `${receiver.url}/out/${created.account.id}`,
    });
    const api = apiClient(relais.url, created.token);
    let sequence = 0;
    const inbound = async (text: string, contact: Record<string, string> = {}) => {
      sequence += 1;
      const hook = await postSignedHook(relais.url, channel.id, secret, {
        message: { id: `m-${sequence}`, text },
        contact: { id: `customer-${sequence}`, ...contact },
      });
      expect(hook.status).toBe(200);
      const messageId = hook.body.data.messageIds[0] as string;
      const message = await relais.services.db
        .selectFrom("messages")
        .select("conversation_id")
        .where("id", "=", messageId)
        .executeTakeFirstOrThrow();
      return message.conversation_id;
    };
    const conversation = async (id: string) =>
      (await api.get(`/api/v1/conversations/${id}`)).body.data;
    const rule = async (body: object) => {
      const response = await api.post("/api/v1/rules", body);
      expect(response.status).toBe(201);
      return response.body.data.id as string;
    };
    return { ...created, channel, api, inbound, conversation, rule };
  }

  function liveEvents(token: string) {
    const socket = new WebSocket(`${relais.url.replace("http", "ws")}/api/v1/live`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const events: Array<{ type: string; event?: LiveEvent }> = [];
    socket.on("message", (raw) => events.push(JSON.parse(raw.toString())));
    return { socket, events };
  }

  it("runs on each trigger: message received, conversation created, triaged, status changed", async () => {
    const { channel, api, inbound, conversation, rule } = await setup();
    await rule({
      name: "Refund asked",
      trigger: "message.received",
      conditions: [{ type: "text_contains", any: ["REMBOURSE"] }],
      actions: [{ type: "add_label", label: "remboursement" }],
    });
    await rule({
      name: "New on the shop channel",
      trigger: "conversation.created",
      conditions: [{ type: "channel", in: [channel.id] }],
      actions: [{ type: "add_label", label: "boutique" }],
    });
    await rule({
      name: "Angry about a delivery",
      trigger: "conversation.triaged",
      conditions: [
        { type: "category", in: ["delivery.*"] },
        { type: "sentiment", in: ["negative"] },
        { type: "language", in: ["fr"] },
      ],
      actions: [{ type: "set_priority", priority: "urgent" }],
    });
    await rule({
      name: "Closed",
      trigger: "conversation.status_changed",
      conditions: [{ type: "status", in: ["resolved"] }],
      actions: [{ type: "add_label", label: "clos" }],
    });

    const id = await inbound(DELIVERY_FR);
    const triaged = await waitFor(async () => {
      const row = await conversation(id);
      return row.priority === "urgent" && row.labels.length === 2 ? row : null;
    });
    expect(new Set(triaged.labels)).toEqual(new Set(["remboursement", "boutique"]));

    const resolved = await api.patch(`/api/v1/conversations/${id}`, { status: "resolved" });
    expect(resolved.status).toBe(200);
    await waitFor(async () => (await conversation(id)).labels.includes("clos"));

    // A message that meets none of the conditions is left alone.
    const calm = await inbound("Merci beaucoup, tout est parfait !");
    await waitFor(async () => (await conversation(calm)).category === "praise");
    await waitFor(async () => (await conversation(calm)).labels.includes("boutique"));
    const untouched = await conversation(calm);
    expect(untouched.labels).toEqual(["boutique"]);
    expect(untouched.priority).not.toBe("urgent");
  });

  it("performs each action: assign user and team, priority, label, canned reply, notification", async () => {
    const { account, user, token, api, inbound, conversation, rule } = await setup();
    const agent = await createUser(relais.services, account.id);
    const team = await api.post("/api/v1/teams", { name: "Livraisons", memberIds: [agent.id] });
    const reply = await api.post("/api/v1/canned-replies", {
      shortcut: "suivi-colis",
      title: "Suivi de colis",
      bodyFr:
        "Bonjour {{contact.name | Madame, Monsieur}}, dossier n° {{conversation.number}}. {{agent.name}}",
      bodyEn: "Hello {{contact.name | there}}, case #{{conversation.number}}. {{agent.name}}",
    });
    expect(reply.status).toBe(201);
    const ruleId = await rule({
      name: "Deliveries",
      trigger: "conversation.triaged",
      conditions: [{ type: "category", in: ["delivery.*"] }],
      actions: [
        { type: "assign_team", teamId: team.body.data.id },
        { type: "assign_user", userId: agent.id },
        { type: "set_priority", priority: "high" },
        { type: "add_label", label: "livraison" },
        { type: "reply", cannedReplyId: reply.body.data.id },
        { type: "notify", text: "Livraison n° {{conversation.number}}", userIds: [user.id] },
      ],
    });
    const live = liveEvents(token);
    await waitFor(() => live.events.some((event) => event.type === "hello"));

    const fr = await inbound(DELIVERY_FR, { name: "Zoé Lambert" });
    const en = await inbound(DELIVERY_EN);
    const after = await waitFor(async () => {
      const row = await conversation(fr);
      return row.labels.includes("livraison") ? row : null;
    });
    expect(after.team.id).toBe(team.body.data.id);
    expect(after.assignee.id).toBe(agent.id);
    expect(after.priority).toBe("high");
    // The automatic reply is not an agent's answer: the customer is still waiting.
    expect(after.waitingSince).not.toBeNull();
    expect(after.firstResponseAt).toBeNull();

    // Keyed by conversation: a delivery retried on a slow machine is the same reply twice.
    const byConversation = await waitFor(() => {
      const sent = receiver.requests.filter((r) => r.url === `/out/${account.id}`);
      const texts = Object.fromEntries(
        sent.map((request) => [request.json.conversation.id, request.json.message.text]),
      );
      return texts[fr] && texts[en] ? texts : null;
    });
    expect(byConversation[fr]).toBe(
      `Bonjour Zoé Lambert, dossier n° ${after.number}. ${agent.name}`,
    );
    const enRow = await conversation(en);
    expect(byConversation[en]).toBe(`Hello there, case #${enRow.number}. ${agent.name}`);

    const message = after.messages.find((m: TMessage) => m.direction === "out");
    expect(message?.author).toEqual({ type: "system", id: null, name: null });
    expect(message?.metadata.automation).toMatchObject({ ruleId, language: "fr" });

    const notification = await waitFor(() =>
      live.events.find(
        (event) =>
          event.event?.name === "notification.created" &&
          event.event.payload.conversationId === fr &&
          event.event.payload.ruleId === ruleId,
      ),
    );
    expect(notification.event?.payload).toEqual({
      conversationId: fr,
      ruleId,
      text: `Livraison n° ${after.number}`,
      userIds: [user.id],
      notificationId: expect.any(String),
    });
    live.socket.close();
  });

  it("runs rules in order of position, each seeing what the earlier ones did", async () => {
    const { inbound, conversation, rule } = await setup();
    // Created first, but runs second.
    await rule({
      name: "VIP → urgent",
      position: 2,
      trigger: "message.received",
      conditions: [{ type: "label", has: "VIP" }],
      actions: [{ type: "set_priority", priority: "urgent" }],
    });
    await rule({
      name: "Big customer → VIP",
      position: 1,
      trigger: "message.received",
      conditions: [{ type: "contact_email_domain", in: ["bigcorp.example"] }],
      actions: [{ type: "add_label", label: "vip" }],
    });
    const id = await inbound("Bonjour, une question sur ma facture", {
      email: "buyer@paris.bigcorp.example",
    });
    const row = await waitFor(async () => {
      const current = await conversation(id);
      return current.labels.includes("vip") && current.category ? current : null;
    });
    await waitFor(async () => (await conversation(id)).priority === "urgent");
    expect(row.labels).toEqual(["vip"]);
  });

  it("tells open from closed by the teams' business hours, in their own zones", async () => {
    const { account, api, inbound, conversation, rule } = await setup();
    const allWeek = Object.fromEntries(
      ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((day) => [day, [["00:00", "24:00"]]]),
    );
    const team = (name: string, hours: object) =>
      relais.services.db
        .insertInto("teams")
        .values({
          account_id: account.id,
          name,
          time_zone: "Pacific/Auckland",
          business_hours: JSON.stringify(hours),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
    // By name, "Always open" comes first: it decides for conversations without a team.
    const open = await team("Always open", allWeek);
    const closed = await team("Never open", {});
    await rule({
      name: "After hours",
      trigger: "message.received",
      conditions: [{ type: "business_hours", negate: true }],
      actions: [{ type: "add_label", label: "after-hours" }],
    });
    await rule({
      name: "Night team closed",
      trigger: "message.received",
      conditions: [{ type: "business_hours", teamId: closed.id, negate: true }],
      actions: [{ type: "add_label", label: "night-closed" }],
    });
    await rule({
      name: "Day team open",
      trigger: "message.received",
      conditions: [{ type: "business_hours", teamId: open.id }],
      actions: [{ type: "add_label", label: "day-open" }],
    });
    const id = await inbound("Bonjour, une question sur ma facture");
    const labels = await waitFor(async () => {
      const current = await conversation(id);
      return current.labels.length >= 2 ? (current.labels as string[]) : null;
    });
    expect([...labels].sort()).toEqual(["day-open", "night-closed"]);

    const refused = await api.post("/api/v1/rules", {
      name: "Someone else's team",
      trigger: "message.received",
      conditions: [{ type: "business_hours", teamId: "44444444-4444-4444-8444-444444444444" }],
      actions: [{ type: "add_label", label: "never" }],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('"conditions.0.teamId": unknown team');
    const rules = await relais.services.db
      .selectFrom("rules")
      .select("id")
      .where("account_id", "=", account.id)
      .execute();
    expect(rules).toHaveLength(3);
  });

  it("never acts twice for one event", async () => {
    const { account, inbound, rule } = await setup();
    const canned = await relais.services.db
      .insertInto("canned_replies")
      .values({
        account_id: account.id,
        shortcut: "ack",
        title: "Ack",
        body_fr: "Bien reçu.",
        body_en: "Got it.",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const ruleId = await rule({
      name: "Acknowledge",
      trigger: "message.received",
      actions: [
        { type: "reply", cannedReplyId: canned.id },
        { type: "notify", text: "Nouveau message" },
      ],
    });
    const id = await inbound("Bonjour");
    const db = relais.services.db;
    const notifications = () =>
      db
        .selectFrom("events")
        .select("id")
        .where("account_id", "=", account.id)
        .where("name", "=", "notification.created")
        .execute();
    const replies = () =>
      db
        .selectFrom("messages")
        .select("id")
        .where("account_id", "=", account.id)
        .where("conversation_id", "=", id)
        .where("direction", "=", "out")
        .execute();
    await waitFor(async () => (await notifications()).length === 1);

    const row = await db
      .selectFrom("events")
      .selectAll()
      .where("account_id", "=", account.id)
      .where("name", "=", "message.created")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const event: StoredEvent = {
      accountId: row.account_id,
      id: row.id,
      name: "message.created",
      payload: row.payload,
      actorUserId: row.actor_user_id,
    };
    // The same event delivered again, twice at once and once more.
    await Promise.all([
      automationProcessor.handle(relais.services, event),
      automationProcessor.handle(relais.services, event),
    ]);
    await automationProcessor.handle(relais.services, event);
    expect(await notifications()).toHaveLength(1);
    expect(await replies()).toHaveLength(1);
    const runs = await db
      .selectFrom("rule_runs")
      .select(["event_id", "outcome"])
      .where("account_id", "=", account.id)
      .where("rule_id", "=", ruleId)
      .execute();
    expect(runs).toHaveLength(1);
    expect(runs[0]?.outcome.map((o) => o.ok)).toEqual([true, true]);

    // A new event is a new occasion.
    await inbound("Encore moi");
    await waitFor(async () => (await notifications()).length === 2);
  });
});
