import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createApiChannel } from "../../../../test/support/factories.ts";
import { apiClient, postSignedHook } from "../../../../test/support/http.ts";
import { startTestRelais } from "../../../../test/support/relais.ts";
import { hmacSha256Hex } from "../../crypto/tokens.ts";
import { createChatChannel, openWidgetSession, widgetGet } from "../../routes/widget/testing.ts";
import { chatSessionRow, contactIdentities, visitorSays } from "./testing.ts";

describe("website chat: sessions and identity", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;

  beforeAll(async () => {
    relais = await startTestRelais({ RELAIS_SMTP_PORT: "0" });
  });
  afterAll(async () => {
    await relais?.stop();
  });

  const identities = (contactId: string | null) => contactIdentities(relais, contactId);
  const say = (channelId: string, token: string, clientId: string, text: string) =>
    visitorSays(relais, channelId, token, clientId, text);
  const sessionRow = (token: string) => chatSessionRow(relais, token);

  it("opens an anonymous session, restores it by token, and keeps a typed email as a hint only", async () => {
    const { account } = await createAccount(relais.services);
    const { channel } = await createChatChannel(relais.services, account.id);
    const opened = await openWidgetSession(relais.url, channel.id, { email: "Lea@Example.fr" });
    expect(opened.status).toBe(200);
    expect(opened.body.data.verified).toBe(false);
    expect(opened.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    const token = opened.body.data.token;
    expect(token).toMatch(/^rcw_/);
    const opening = await sessionRow(token);
    expect(opening.visitor_id).toMatch(/^visitor:/);
    expect(opening.email_hint).toBe("lea@example.fr");
    // Nobody has written yet: no contact (an open widget is not a customer).
    expect(opening.contact_id).toBeNull();
    expect(
      await relais.services.db
        .selectFrom("contacts")
        .select("id")
        .where("account_id", "=", account.id)
        .execute(),
    ).toHaveLength(0);

    await say(channel.id, token, "lea-0000001", "Bonjour");
    const session = await sessionRow(token);
    if (!session.contact_id) throw new Error("writing gave the visitor no contact");
    const contact = await relais.services.db
      .selectFrom("contacts")
      .selectAll()
      .where("id", "=", session.contact_id)
      .executeTakeFirstOrThrow();
    expect(contact.email).toBe("lea@example.fr");
    // The email is a hint: no email identity, so it can never pull in someone else's history.
    expect(await identities(session.contact_id)).toEqual([
      { kind: "chat", value: session.visitor_id, verified: false },
    ]);

    const again = await openWidgetSession(relais.url, channel.id, { token });
    expect(again.body.data.token).toBe(token);
    expect((await sessionRow(token)).contact_id).toBe(session.contact_id);
  });

  it("verifies a signed identity and joins the customer who owns the email; a bad signature merges nothing", async () => {
    const { account, token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const shop = await createApiChannel(relais.services, account.id);
    await postSignedHook(relais.url, shop.channel.id, shop.secret, {
      message: { id: "order-1", text: "Où est ma commande ?" },
      contact: { id: "shop-42", name: "Zoé Lambert", email: "zoe@example.fr" },
    });
    const [existing] = (await api.get("/api/v1/conversations")).body.data;
    const customerId = existing.contact.id;

    const { channel, secret } = await createChatChannel(relais.services, account.id);
    const signature = hmacSha256Hex(secret, "u-42:zoe@example.fr");
    const verified = await openWidgetSession(relais.url, channel.id, {
      userId: "u-42",
      email: "zoe@example.fr",
      name: "Zoé",
      signature,
    });
    expect(verified.body.data.verified).toBe(true);
    const verifiedSession = await sessionRow(verified.body.data.token);
    expect(verifiedSession.contact_id).toBe(customerId);
    expect(verifiedSession.visitor_id).toBe("user:u-42");

    const forged = await openWidgetSession(relais.url, channel.id, {
      userId: "u-42",
      email: "zoe@example.fr",
      signature: hmacSha256Hex("not-the-secret", "u-42:zoe@example.fr"),
    });
    expect(forged.body.data.verified).toBe(false);
    const forgedSession = await sessionRow(forged.body.data.token);
    expect(forgedSession.visitor_id).toMatch(/^visitor:/);
    await say(channel.id, forged.body.data.token, "forged-00001", "Bonjour");
    const forgedWrote = await sessionRow(forged.body.data.token);
    expect(forgedWrote.contact_id).not.toBe(customerId);
    expect(await identities(forgedWrote.contact_id)).toEqual([
      { kind: "chat", value: forgedSession.visitor_id, verified: false },
    ]);
    // Zoé's own identities were not touched by the forged claim.
    const zoe = await identities(customerId);
    expect(zoe.map((identity) => identity.value)).not.toContain(forgedSession.visitor_id);
  });

  it("gives the visitor who signs in their anonymous history, and leaves an enriched record apart", async () => {
    const { account, token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const { channel, secret } = await createChatChannel(relais.services, account.id);

    // Anonymous first, on the shop's home page.
    const anonymous = await openWidgetSession(relais.url, channel.id);
    const anonymousToken = anonymous.body.data.token;
    const conversationId = await say(
      channel.id,
      anonymousToken,
      "anon-0000001",
      "Ma commande n'arrive pas",
    );
    const anonymousContact = (await sessionRow(anonymousToken)).contact_id;

    // Then signed in on the site: the same browser, now with a signed claim.
    const signedIn = await openWidgetSession(relais.url, channel.id, {
      token: anonymousToken,
      userId: "u-77",
      email: "nina@example.fr",
      name: "Nina Roux",
      signature: hmacSha256Hex(secret, "u-77:nina@example.fr"),
    });
    expect(signedIn.body.data.verified).toBe(true);
    const verified = await sessionRow(signedIn.body.data.token);
    expect(verified.contact_id).not.toBe(anonymousContact);
    const conversation = (await api.get(`/api/v1/conversations/${conversationId}`)).body.data;
    expect(conversation.contact.id).toBe(verified.contact_id);
    expect(conversation.contact.name).toBe("Nina Roux");
    const gone = await api.get(`/api/v1/contacts/${anonymousContact}`);
    expect(gone.status).toBe(404);
    const history = await widgetGet(relais.url, channel.id, "/messages", signedIn.body.data.token);
    expect(history.body.data.messages.map((m: { text: string }) => m.text)).toContain(
      "Ma commande n'arrive pas",
    );
    const audit = await relais.services.db
      .selectFrom("audit_log")
      .select(["actor_user_id", "data"])
      .where("account_id", "=", account.id)
      .where("action", "=", "contact.merge")
      .executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBeNull();
    expect(audit.data).toMatchObject({ reason: "chat visitor signed in on the site" });

    // An anonymous record an agent enriched with an email identity is not merged on its own.
    const other = await openWidgetSession(relais.url, channel.id);
    await say(channel.id, other.body.data.token, "anon-0000002", "Bonjour");
    const otherContact = (await sessionRow(other.body.data.token)).contact_id;
    if (!otherContact) throw new Error("writing gave the visitor no contact");
    await relais.services.db
      .insertInto("identities")
      .values({
        account_id: account.id,
        contact_id: otherContact,
        kind: "email",
        value: "paul@example.fr",
      })
      .execute();
    const otherSignedIn = await openWidgetSession(relais.url, channel.id, {
      token: other.body.data.token,
      userId: "u-78",
      email: "paul.b@example.fr",
      signature: hmacSha256Hex(secret, "u-78:paul.b@example.fr"),
    });
    expect(otherSignedIn.body.data.verified).toBe(true);
    expect((await api.get(`/api/v1/contacts/${otherContact}`)).status).toBe(200);
    expect((await sessionRow(otherSignedIn.body.data.token)).contact_id).not.toBe(otherContact);
  });
});
