import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createWhatsAppChannel,
  startWhatsApp,
  type WhatsAppFake,
  whatsappCustomerWrites,
} from "../../../test/e2e/support/whatsapp.ts";
import { createAccount, createApiChannel } from "../../../test/support/factories.ts";
import { type RecordedRequest, startFakeServer } from "../../../test/support/fakeServer.ts";
import { apiClient, postSignedHook } from "../../../test/support/http.ts";
import { useTestRelais } from "../../../test/support/useRelais.ts";
import { waitFor } from "../../../test/support/wait.ts";
import type { TIdeaStatusPreview } from "../../shared/ideas.ts";
import { createEmailChannel } from "../channels/email/testing/channels.ts";
import { startRelay } from "../channels/email/testing/relay.ts";
import { ideaAnnouncer } from "./announcer.ts";

const HOUR = 3_600_000;

/**
 * A status change told to every linked customer once, on the channel they last used: the API
 * channel (French and English customers), WhatsApp within its 24-hour window, and by email for a
 * WhatsApp customer whose window has closed. Providers are faked at their HTTP (and SMTP) edge.
 */
describe("ideas: telling linked customers of a status change", { timeout: 150_000 }, () => {
  const relais = useTestRelais();
  let receiver: Awaited<ReturnType<typeof startFakeServer>>;
  let whatsapp: WhatsAppFake;
  let smtp: Awaited<ReturnType<typeof startRelay>>;
  beforeAll(async () => {
    [receiver, whatsapp, smtp] = await Promise.all([
      startFakeServer(),
      startWhatsApp(),
      startRelay({ user: "support@shop.example", pass: "secret" }),
    ]);
    receiver.respondWith(() => ({ status: 200, body: {} }));
  });
  afterAll(async () => {
    await Promise.all([receiver?.close(), whatsapp?.close(), smtp?.close()]);
  });

  it("tells each customer once per status, in their language, on their channel, email when WhatsApp's window is closed", async () => {
    const { services, url } = relais();
    const { account, token } = await createAccount(services, { locale: "fr" });
    const api = apiClient(url, token);
    const path = `/${account.id}`;
    const shop = await createApiChannel(services, account.id, {
      outboundUrl: `${receiver.url}${path}`,
    });
    const wa = await createWhatsAppChannel(relais(), account.id, whatsapp.url);
    await createEmailChannel(services, account.id, { smtpUrl: smtp.url });

    const apiSays = (id: string, name: string, text: string) =>
      postSignedHook(url, shop.channel.id, shop.secret, {
        message: { id: `m-${id}`, text },
        contact: { id, name },
      });
    await apiSays(
      "camille",
      "Camille",
      "Ce serait bien d'avoir un mode sombre dans l'application.",
    );
    await apiSays("jordan", "Jordan", "It would be great to have a dark mode in the app, please.");
    await whatsappCustomerWrites(relais(), wa.id, {
      waId: "33798765432",
      name: "Lucas",
      text: "Un mode sombre svp, l'appli m'éblouit le soir !",
      at: new Date(),
    });
    const priyaWrote = new Date(Date.now() - 26 * HOUR);
    whatsapp.customerWrote("447700900123", priyaWrote);
    await whatsappCustomerWrites(relais(), wa.id, {
      waId: "447700900123",
      name: "Priya",
      text: "Could you add a dark mode to the app? It would be lovely.",
      at: priyaWrote,
    });
    type Row = { id: string; language: string | null; contact: { id: string; name: string } };
    const conversations: Row[] = await waitFor(async () => {
      const rows: Row[] = (await api.get("/api/v1/conversations")).body.data;
      return rows.length === 4 && rows.every((row) => row.language) ? rows : null;
    });
    const of = (name: string) => conversations.find((row) => row.contact.name === name) as Row;
    // Priya's address is known (from an order, say); nothing else of hers takes a message now.
    await services.db
      .insertInto("identities")
      .values({
        account_id: account.id,
        contact_id: of("Priya").contact.id,
        kind: "email",
        value: "priya@example.co.uk",
      })
      .execute();

    const idea = (await api.post("/api/v1/ideas", { title: "Mode sombre", kind: "product" })).body
      .data;
    for (const row of conversations) {
      await api.post(`/api/v1/ideas/${idea.id}/links`, { conversationId: row.id });
    }

    const note = "Activez-le dans Réglages › Apparence.";
    const preview = await api.post<{ data: TIdeaStatusPreview }>(
      `/api/v1/ideas/${idea.id}/status-preview`,
      { status: "shipped", statusNote: note },
    );
    expect(preview.status).toBe(200);
    const told = Object.fromEntries(
      preview.body.data.recipients.map((r) => [r.contact.name, [r.channel?.kind, r.language]]),
    );
    expect(told).toEqual({
      Camille: ["api", "fr"],
      Jordan: ["api", "en"],
      Lucas: ["whatsapp", "fr"],
      Priya: ["email", "en"],
    });
    expect(preview.body.data.messages.fr).toContain("est désormais disponible");
    expect(preview.body.data.messages.en).toContain("is now available");
    expect(preview.body.data.messages.en).toContain(note);
    // A preview stores and sends nothing.
    expect(receiver.requests).toHaveLength(0);

    const received = () => receiver.requests.filter((r: RecordedRequest) => r.url === path);
    expect(
      (await api.patch(`/api/v1/ideas/${idea.id}`, { status: "shipped", statusNote: note })).status,
    ).toBe(200);
    await waitFor(
      () => received().length === 2 && whatsapp.sent.length === 1 && smtp.received.length === 1,
      { message: "four customers told", timeoutMs: 30_000 },
    );
    const texts = received()
      .map((r) => r.json?.message?.text as string)
      .sort();
    expect(texts[0]).toMatch(
      /^Bonjour, l'idée que vous nous avez donnée le .+ est désormais disponible/,
    );
    expect(texts[0]).toContain(note);
    expect(texts[1]).toMatch(/^Hello, the idea you gave us on .+ is now available/);
    expect(whatsapp.sent[0]).toMatchObject({ to: "33798765432", type: "text" });
    expect(whatsapp.sent[0]?.body.text.body).toContain("désormais disponible");
    const mail = smtp.received[0];
    expect(mail?.to).toEqual(["priya@example.co.uk"]);
    expect(mail?.mail.text).toContain("is now available");
    // Recorded in each customer's conversation (Priya's: a new email conversation).
    const camille = (await api.get(`/api/v1/conversations/${of("Camille").id}/messages`)).body.data;
    expect(camille.filter((m: { text: string }) => m.text.includes(note))).toHaveLength(1);
    const priyaConversations = (
      await api.get(`/api/v1/conversations?contactId=${of("Priya").contact.id}&status=resolved`)
    ).body.data;
    expect(priyaConversations).toHaveLength(1);

    // The job again (a retry, a restart, a second worker): nobody is told twice.
    const again = await Promise.all([
      ideaAnnouncer(services, { accountId: account.id, ideaId: idea.id, status: "shipped" }),
      ideaAnnouncer(services, { accountId: account.id, ideaId: idea.id, status: "shipped" }),
    ]);
    expect(again).toEqual([
      { told: 0, skipped: 0 },
      { told: 0, skipped: 0 },
    ]);
    // Back and forth: planned is news once; shipped a second time is not.
    await api.patch(`/api/v1/ideas/${idea.id}`, { status: "planned" });
    await waitFor(
      () => received().length === 4 && whatsapp.sent.length === 2 && smtp.received.length === 2,
      { message: "planned told", timeoutMs: 30_000 },
    );
    await api.patch(`/api/v1/ideas/${idea.id}`, { status: "shipped" });
    const plan = (await api.post(`/api/v1/ideas/${idea.id}/status-preview`, { status: "shipped" }))
      .body.data as TIdeaStatusPreview;
    expect(plan.recipients.every((r) => r.alreadyTold)).toBe(true);
    await ideaAnnouncer(services, { accountId: account.id, ideaId: idea.id, status: "shipped" });
    const notices = await services.db
      .selectFrom("idea_notices")
      .select(["status", "message_id"])
      .where("account_id", "=", account.id)
      .execute();
    expect(notices.filter((n) => n.status === "shipped" && n.message_id)).toHaveLength(4);
    expect(notices.filter((n) => n.status === "planned" && n.message_id)).toHaveLength(4);
    expect(received()).toHaveLength(4);
    expect(whatsapp.sent).toHaveLength(2);
    expect(smtp.received).toHaveLength(2);

    // Camille and Lucas turn out to be one customer: they keep one notice per status, and an
    // undo of the merge gives Lucas his back.
    const shippedNotices = () =>
      services.db
        .selectFrom("idea_notices")
        .select("contact_id")
        .where("account_id", "=", account.id)
        .where("status", "=", "shipped")
        .execute();
    const camilleId = of("Camille").contact.id;
    const lucasId = of("Lucas").contact.id;
    expect(
      (await api.post(`/api/v1/contacts/${camilleId}/merge`, { sourceId: lucasId })).status,
    ).toBe(200);
    expect((await shippedNotices()).map((n) => n.contact_id).sort()).toEqual(
      [camilleId, of("Jordan").contact.id, of("Priya").contact.id].sort(),
    );
    expect((await api.get(`/api/v1/ideas/${idea.id}`)).body.data.votes).toBe(3);
    const [merge] = (await api.get(`/api/v1/contacts/${camilleId}/merges`)).body.data;
    expect((await api.post(`/api/v1/contact-merges/${merge.id}/undo`, {})).status).toBe(200);
    expect(await shippedNotices()).toHaveLength(4);
  });
});
