import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../../test/support/factories.ts";
import { apiClient } from "../../../../test/support/http.ts";
import { startTestRelais, testDatabase } from "../../../../test/support/relais.ts";
import { waitFor } from "../../../../test/support/wait.ts";
import { DEFAULT_SURVEY_SETTINGS } from "../../../shared/surveys.ts";
import {
  createChatChannel,
  openLiveSocket,
  openWidgetSession,
  visitorSocketUrl,
  widgetGet,
} from "../../routes/widget/testing.ts";
import { createEmailChannel } from "../email/testing/channels.ts";
import { startRelay } from "../email/testing/relay.ts";
import { chatSessionRow, contactIdentities } from "./testing.ts";

describe("website chat: presence, live messages, survey and offline email", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;

  beforeAll(async () => {
    relais = await startTestRelais({ RELAIS_SMTP_PORT: "0" });
  });
  afterAll(async () => {
    await relais?.stop();
  });

  const identities = (contactId: string | null) => contactIdentities(relais, contactId);
  const sessionRow = (token: string) => chatSessionRow(relais, token);

  it("knows an agent is there when the app is open on another server, and forgets a dead one", async () => {
    const { account, user, token } = await createAccount(relais.services);
    const { channel } = await createChatChannel(relais.services, account.id);
    const available = async (base: string) =>
      (await openWidgetSession(base, channel.id)).body.data.agentsAvailable as boolean;
    expect(await available(relais.url)).toBe(false);

    // On PostgreSQL, a second server on the same database holds the agent's socket: the widget
    // asking the first one still learns that someone is there.
    const other =
      testDatabase() === "postgres"
        ? await startTestRelais({ DATABASE_URL: relais.services.env.DATABASE_URL ?? "" })
        : null;
    try {
      const agentBase = other?.url ?? relais.url;
      const agent = await openLiveSocket(`${agentBase.replace(/^http/, "ws")}/api/v1/live`, {
        authorization: `Bearer ${token}`,
      });
      await agent.next((frame) => frame.type === "hello");
      expect(await available(relais.url)).toBe(true);
      agent.close();
      await agent.closed;
      await waitFor(async () => !(await available(relais.url)));
    } finally {
      await other?.stop();
    }

    // A server that died with the socket open never said goodbye: its last heartbeat ages out.
    await relais.services.db
      .updateTable("users")
      .set({ live_connections: 1, live_seen_at: new Date(Date.now() - 5 * 60_000) })
      .where("id", "=", user.id)
      .execute();
    expect(await available(relais.url)).toBe(false);
  });

  it("carries messages both ways live, with typing, delivery and read receipts", async () => {
    const { account, token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const { channel } = await createChatChannel(relais.services, account.id);
    const agent = await openLiveSocket(`${relais.url.replace(/^http/, "ws")}/api/v1/live`, {
      authorization: `Bearer ${token}`,
    });
    await agent.next((frame) => frame.type === "hello");
    const opened = await openWidgetSession(relais.url, channel.id);
    const visitor = await openLiveSocket(
      visitorSocketUrl(relais.url, channel.id, opened.body.data.token),
      {
        origin: "https://shop.example",
      },
    );
    const hello = await visitor.next((frame) => frame.type === "hello");
    expect(hello.agentsAvailable).toBe(true);

    visitor.send({
      type: "message",
      clientId: "client-msg-0001",
      text: "Bonjour, ma commande est en retard",
    });
    const stored = await visitor.next((frame) => frame.type === "stored");
    expect(stored.clientId).toBe("client-msg-0001");
    expect(stored.message.text).toBe("Bonjour, ma commande est en retard");
    const conversationId = stored.message.conversationId;
    await agent.next(
      (frame) =>
        frame.type === "event" &&
        frame.event.name === "message.created" &&
        frame.event.payload.conversationId === conversationId,
    );
    const listed = (await api.get(`/api/v1/conversations/${conversationId}`)).body.data;
    expect(listed.messages.map((m: { text: string }) => m.text)).toContain(
      "Bonjour, ma commande est en retard",
    );

    // Typing, both ways.
    visitor.send({ type: "typing" });
    const typing = await agent.next(
      (frame) => frame.type === "event" && frame.event.name === "conversation.typing",
    );
    expect(typing.event.payload).toMatchObject({ conversationId, changes: ["started"] });
    expect(typing.event.payload.contactId).toBe(listed.contact.id);
    expect((await api.post(`/api/v1/conversations/${conversationId}/typing`)).status).toBe(200);
    const agentTyping = await visitor.next((frame) => frame.type === "typing");
    expect(agentTyping.typing).toBe(true);
    expect(agentTyping.name).toBeTruthy();

    const reply = await api.post(`/api/v1/conversations/${conversationId}/messages`, {
      text: "Je regarde tout de suite.",
      kind: "reply",
    });
    const pushed = await visitor.next(
      (frame) => frame.type === "message" && frame.message.id === reply.body.data.id,
    );
    expect(pushed.message).toMatchObject({ direction: "out", text: "Je regarde tout de suite." });

    visitor.send({ type: "ack", ids: [reply.body.data.id], status: "read" });
    const read = await waitFor(async () => {
      const messages = (await api.get(`/api/v1/conversations/${conversationId}/messages`)).body
        .data;
      const out = messages.find((m: { id: string }) => m.id === reply.body.data.id);
      return out?.delivery.status === "read" ? out : null;
    });
    expect(read.delivery.readAt).not.toBeNull();
    visitor.close();
    agent.close();
  });

  it("stores a message resent after a reconnection once, and keeps the history across page loads", async () => {
    const { account, token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const { channel } = await createChatChannel(relais.services, account.id);
    const opened = await openWidgetSession(relais.url, channel.id);
    const visitorToken = opened.body.data.token;
    const url = visitorSocketUrl(relais.url, channel.id, visitorToken);

    const first = await openLiveSocket(url, { origin: "https://shop.example" });
    await first.next((frame) => frame.type === "hello");
    first.send({ type: "message", clientId: "resent-000001", text: "Le colis est abîmé" });
    const original = await first.next((frame) => frame.type === "stored");
    first.close();
    await first.closed;

    // The widget did not see the acknowledgement: after reconnecting it sends its outbox again.
    const second = await openLiveSocket(url, { origin: "https://shop.example" });
    second.send({ type: "message", clientId: "resent-000001", text: "Le colis est abîmé" });
    const resent = await second.next((frame) => frame.type === "stored");
    expect(resent.message.id).toBe(original.message.id);
    const conversationId = original.message.conversationId;
    const messages = (await api.get(`/api/v1/conversations/${conversationId}/messages`)).body.data;
    expect(messages.filter((m: { text: string }) => m.text === "Le colis est abîmé")).toHaveLength(
      1,
    );

    const reply = await api.post(`/api/v1/conversations/${conversationId}/messages`, {
      text: "Désolés ! Un nouveau colis part demain.",
      kind: "reply",
    });
    await second.next(
      (frame) => frame.type === "message" && frame.message.id === reply.body.data.id,
    );
    await api.post(`/api/v1/conversations/${conversationId}/messages`, {
      text: "note interne",
      kind: "note",
    });
    second.close();

    // A new page load: the history comes back from the server, without internal notes.
    const history = await widgetGet(relais.url, channel.id, "/messages", visitorToken);
    expect(history.status).toBe(200);
    expect(
      history.body.data.messages.map((m: { text: string; direction: string }) => [
        m.direction,
        m.text,
      ]),
    ).toEqual([
      ["in", "Le colis est abîmé"],
      ["out", "Désolés ! Un nouveau colis part demain."],
    ]);
    expect(history.body.data.messages[0].clientId).toBe("resent-000001");
    const cursor = history.body.data.cursor;
    const later = await api.post(`/api/v1/conversations/${conversationId}/messages`, {
      text: "Voici le numéro de suivi : 1Z999",
      kind: "reply",
    });
    const since = await waitFor(async () => {
      const page = await widgetGet(
        relais.url,
        channel.id,
        `/messages?after=${cursor}`,
        visitorToken,
      );
      return page.body.data.messages.length > 0 ? page.body.data.messages : null;
    });
    expect(since.map((m: { id: string }) => m.id)).toEqual([later.body.data.id]);
    expect((await widgetGet(relais.url, channel.id, "/messages", "rcw_forged")).status).toBe(401);
  });

  it("asks the survey with inline buttons; the visitor's tap records the score", async () => {
    const { account, token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    await api.put("/api/v1/surveys/settings", { ...DEFAULT_SURVEY_SETTINGS, enabled: true });
    const { channel } = await createChatChannel(relais.services, account.id);
    const visitorToken = (await openWidgetSession(relais.url, channel.id)).body.data.token;
    const socket = await openLiveSocket(visitorSocketUrl(relais.url, channel.id, visitorToken), {
      origin: "https://shop.example",
    });
    await socket.next((frame) => frame.type === "hello");
    socket.send({ type: "message", clientId: "survey-000001", text: "Mon colis est en retard" });
    const stored = await socket.next((frame) => frame.type === "stored");
    const conversationId = stored.message.conversationId as string;
    await api.post(`/api/v1/conversations/${conversationId}/messages`, {
      text: "Il arrive demain matin.",
      kind: "reply",
    });
    await api.patch(`/api/v1/conversations/${conversationId}`, { status: "resolved" });
    const asked = await socket.next(
      (frame) => frame.type === "message" && Boolean(frame.message.choices),
    );
    expect(asked.message.choices.map((c: { title: string }) => c.title).join(" ")).toBe(
      "1 2 3 4 5 6 7",
    );
    expect(asked.message.choices[0].description).toBe("Pas du tout d'accord");
    expect(asked.message.text).toContain("/s/srv_");

    // A tap on "6" sends "6" as the visitor's message: the CES, and the conversation stays resolved.
    socket.send({ type: "message", clientId: "survey-000002", text: "6" });
    await socket.next((frame) => frame.type === "stored");
    const resolution = await waitFor(async () => {
      const row = await relais.services.db
        .selectFrom("resolutions")
        .select(["ces", "answer_source"])
        .where("account_id", "=", account.id)
        .where("conversation_id", "=", conversationId)
        .executeTakeFirst();
      return row?.ces ? row : null;
    });
    expect(resolution).toEqual({ ces: 6, answer_source: "reply" });
    expect((await api.get(`/api/v1/conversations/${conversationId}`)).body.data.status).toBe(
      "resolved",
    );
    socket.close();
  });

  it("asks for an email when nobody is available, then answers by email once the visitor has left", async () => {
    const { account, token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const { channel } = await createChatChannel(relais.services, account.id);
    const opened = await openWidgetSession(relais.url, channel.id);
    // No agent is connected: the widget offers to continue by email only if there is an email channel.
    expect(opened.body.data.agentsAvailable).toBe(false);
    expect(opened.body.data.emailFallback).toBe(false);
    const visitorToken = opened.body.data.token;
    const visitor = await openLiveSocket(visitorSocketUrl(relais.url, channel.id, visitorToken), {
      origin: "https://shop.example",
    });
    expect((await visitor.next((frame) => frame.type === "hello")).agentsAvailable).toBe(false);
    visitor.send({ type: "message", clientId: "offline-00001", text: "Vous êtes là ?" });
    const stored = await visitor.next((frame) => frame.type === "stored");
    const conversationId = stored.message.conversationId;
    visitor.close();
    await waitFor(async () => (await sessionRow(visitorToken)).connections === 0);

    // Without an email channel the answer waits in the widget, and the message says so.
    const kept = await api.post(`/api/v1/conversations/${conversationId}/messages`, {
      text: "Oui, nous sommes là !",
      kind: "reply",
    });
    const waiting = await waitFor(async () => {
      const messages = (await api.get(`/api/v1/conversations/${conversationId}/messages`)).body
        .data;
      return messages.find(
        (m: { id: string; metadata: { chat?: unknown } }) =>
          m.id === kept.body.data.id && m.metadata.chat,
      );
    });
    expect(waiting.metadata.chat).toEqual({ offline: true, via: "widget", reason: "no_email" });

    // The account gets an email channel; the visitor leaves an address (a hint, not an identity).
    const relay = await startRelay({ user: "support@shop.example", pass: "secret" });
    try {
      await createEmailChannel(relais.services, account.id, { smtpUrl: relay.url });
      const left = await fetch(`${relais.url}/widget/${channel.id}/email`, {
        method: "POST",
        headers: { authorization: `Bearer ${visitorToken}`, "content-type": "application/json" },
        body: JSON.stringify({ email: "visiteur@example.fr" }),
      });
      expect(left.status).toBe(200);
      expect(((await left.json()) as { data: { emailFallback: boolean } }).data.emailFallback).toBe(
        true,
      );
      const session = await sessionRow(visitorToken);
      expect(await identities(session.contact_id)).toEqual([
        { kind: "chat", value: session.visitor_id, verified: false },
      ]);

      const answer = await api.post(`/api/v1/conversations/${conversationId}/messages`, {
        text: "Nous vous répondons par email.",
        kind: "reply",
      });
      const mail = await waitFor(() =>
        relay.received.find((m) => m.to.includes("visiteur@example.fr")),
      );
      expect(mail.mail.text).toContain("Nous vous répondons par email.");
      const conversation = (await api.get(`/api/v1/conversations/${conversationId}`)).body.data;
      // The reply address carries the conversation's token: the customer's answer continues it.
      expect(JSON.stringify(mail.mail.replyTo)).toContain(String(conversation.number));
      const emailed = await waitFor(async () => {
        const messages = (await api.get(`/api/v1/conversations/${conversationId}/messages`)).body
          .data;
        const out = messages.find((m: { id: string }) => m.id === answer.body.data.id);
        return out?.metadata.chat?.status === "sent" ? out : null;
      });
      expect(emailed.metadata.chat).toMatchObject({ via: "email", to: "visiteur@example.fr" });
    } finally {
      await relay.close();
    }
  });
});
