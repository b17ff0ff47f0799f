import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedOrder } from "../../../../../test/support/backoffice.ts";
import { seedContact } from "../../../../../test/support/contacts.ts";
import { createAccount, createApiChannel } from "../../../../../test/support/factories.ts";
import { apiClient, postSignedHook } from "../../../../../test/support/http.ts";
import { startTestRelais } from "../../../../../test/support/relais.ts";
import { waitFor } from "../../../../../test/support/wait.ts";
import { mentionRecorder } from "../../../customers/mentionRecorder.ts";

const STARTUP_MS = 180_000;
type Relais = Awaited<ReturnType<typeof startTestRelais>>;

/** A message of `contactId` in a new conversation of theirs, its mentions recorded. */
async function say(
  relais: Relais,
  accountId: string,
  contactId: string,
  text: string,
  visibility: "public" | "private",
) {
  const db = relais.services.db;
  const conversation = await db
    .selectFrom("conversations")
    .select("id")
    .where("account_id", "=", accountId)
    .where("contact_id", "=", contactId)
    .executeTakeFirstOrThrow();
  const message = await db
    .insertInto("messages")
    .values({
      account_id: accountId,
      conversation_id: conversation.id,
      direction: "in",
      author_contact_id: contactId,
      text,
      visibility,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return mentionRecorder(db, accountId, message.id);
}

async function snapshot(relais: Relais, accountId: string, contactId: string) {
  const db = relais.services.db;
  const contact = await db
    .selectFrom("contacts")
    .select(["id", "name", "email", "phone", "locale", "time_zone", "avatar_url", "notes"])
    .select(["created_at", "updated_at"])
    .where("account_id", "=", accountId)
    .where("id", "=", contactId)
    .executeTakeFirst();
  const of = (table: "identities" | "conversations" | "callbacks") =>
    db
      .selectFrom(table)
      .select("id")
      .where("account_id", "=", accountId)
      .where("contact_id", "=", contactId)
      .orderBy("id")
      .execute()
      .then((rows) => rows.map((row) => row.id));
  const messages = await db
    .selectFrom("messages")
    .select(["id", "conversation_id"])
    .where("account_id", "=", accountId)
    .where("author_contact_id", "=", contactId)
    .orderBy("id")
    .execute();
  return {
    contact,
    identities: await of("identities"),
    conversations: await of("conversations"),
    callbacks: await of("callbacks"),
    messages,
  };
}

describe("one customer across channels", { timeout: 120_000 }, () => {
  let relais: Relais;
  beforeAll(async () => {
    relais = await startTestRelais();
  }, STARTUP_MS);
  afterAll(async () => {
    await relais?.stop();
  });

  it("suggests duplicates on each kind of weak evidence, never merges them, and remembers 'not the same person'", async () => {
    const { account, token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const id = account.id;
    const lea = await seedContact(relais.services, id, {
      name: "Léa Dupont",
      email: "lea@example.fr",
      identities: [{ kind: "twitter", value: "t-1", handle: "lea_dupont" }],
      conversations: 1,
    });
    const leaName = await seedContact(relais.services, id, {
      name: "lea dupont",
      conversations: 1,
    });
    const leaHandle = await seedContact(relais.services, id, {
      name: "LD",
      identities: [{ kind: "instagram", value: "ig-1", handle: "leadupont" }],
      conversations: 1,
    });
    const leaEmail = await seedContact(relais.services, id, {
      name: "Client mail",
      identities: [{ kind: "email", value: "lea@example.fr" }],
      conversations: 1,
    });
    const writer = await seedContact(relais.services, id, { name: "Poster", conversations: 1 });
    const phoneOwner = await seedContact(relais.services, id, {
      name: "Tel",
      identities: [{ kind: "phone", value: "+33612345678" }],
      conversations: 1,
    });
    const stranger = await seedContact(relais.services, id, {
      name: "Zoé Martin",
      conversations: 1,
    });
    await seedOrder(relais.services, id, { number: "A-4821", email: "buyer@example.fr" });
    const buyer = await relais.services.db
      .selectFrom("identities")
      .select("contact_id")
      .where("account_id", "=", id)
      .where("value", "=", "buyer@example.fr")
      .executeTakeFirstOrThrow();

    // A public post naming Léa's address, and a phone number: suggestions only.
    await say(relais, id, writer.id, "C'est moi, lea@example.fr, 06 12 34 56 78", "public");
    await say(relais, id, stranger.id, "Où en est ma commande A-4821 ?", "private");

    const found = await api.get(`/api/v1/contacts/${lea.id}/duplicates`);
    expect(found.status).toBe(200);
    const kinds = (contactId: string) =>
      found.body.data
        .find((d: { contact: { id: string } }) => d.contact.id === contactId)
        ?.evidence.map((e: { kind: string }) => e.kind);
    expect(kinds(leaName.id)).toEqual(["similar_name"]);
    expect(kinds(leaHandle.id)).toEqual(["similar_handle"]);
    expect(kinds(leaEmail.id)).toEqual(["same_email"]);
    expect(kinds(writer.id)).toEqual(["email_in_message"]);
    expect(kinds(stranger.id)).toBeUndefined();
    // Best first: the same address outweighs a similar name.
    expect(found.body.data[0].contact.id).toBe(leaEmail.id);
    expect(found.body.data[0].score).toBeGreaterThan(found.body.data.at(-1).score);
    expect((await api.get(`/api/v1/contacts/${writer.id}/duplicates`)).body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          contact: expect.objectContaining({ id: phoneOwner.id }),
          evidence: [{ kind: "phone_in_message", detail: "+33612345678" }],
        }),
      ]),
    );
    const order = (await api.get(`/api/v1/contacts/${stranger.id}/duplicates`)).body.data;
    expect(order).toEqual([
      expect.objectContaining({
        contact: expect.objectContaining({ id: buyer.contact_id }),
        evidence: [{ kind: "same_order", detail: "A-4821" }],
      }),
    ]);
    // Nothing was merged: every contact is still there.
    expect((await api.get(`/api/v1/contacts/${writer.id}`)).status).toBe(200);
    expect((await api.get(`/api/v1/contacts/${leaName.id}`)).status).toBe(200);

    // "Not the same person" is remembered, from either side.
    const dismissed = await api.post(`/api/v1/contacts/${leaName.id}/duplicates/dismiss`, {
      contactId: lea.id,
    });
    expect(dismissed.status).toBe(200);
    const after = await api.get(`/api/v1/contacts/${lea.id}/duplicates`);
    expect(after.body.data.map((d: { contact: { id: string } }) => d.contact.id)).not.toContain(
      leaName.id,
    );

    // The list of contacts with open suggestions, kept by the processor as contacts change.
    await api.patch(`/api/v1/contacts/${lea.id}`, { notes: "VIP" });
    const listed = await waitFor(async () => {
      const page = await api.get("/api/v1/contacts?duplicates=true&limit=100");
      const ids = page.body.data.map((c: { id: string }) => c.id);
      return ids.includes(lea.id) && ids.includes(leaEmail.id) ? ids : null;
    });
    expect(listed).not.toContain(leaName.id);
  });

  it("links on strong evidence: an address written in a private message joins its owner", async () => {
    const { account, token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const { channel, secret } = await createApiChannel(relais.services, account.id);
    await postSignedHook(relais.url, channel.id, secret, {
      message: { id: "m-1", text: "Bonjour" },
      contact: { id: "shop-1", name: "Marc Petit", email: "marc@example.fr" },
    });
    await postSignedHook(relais.url, channel.id, secret, {
      message: { id: "m-2", text: "Mon adresse est marc@example.fr" },
      contact: { id: "app-7", name: "marc" },
    });
    const merged = await waitFor(async () => {
      const list = await api.get("/api/v1/contacts?q=marc");
      return list.body.data.length === 1 ? list.body.data[0] : null;
    });
    expect(merged.identities.map((i: { value: string }) => i.value).sort()).toEqual([
      "app-7",
      "marc@example.fr",
      "shop-1",
    ]);
    const merges = await api.get(`/api/v1/contacts/${merged.id}/merges`);
    expect(merges.body.data).toEqual([
      expect.objectContaining({
        mergedBy: null,
        reason: "contact_in_private_message",
        undoable: true,
      }),
    ]);
  });

  it("undoes a merge exactly, sends back what arrived since through the identity, and keeps an agent's edit", async () => {
    const { account, user, token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const shop = await createApiChannel(relais.services, account.id);
    const app = await createApiChannel(relais.services, account.id);
    await postSignedHook(relais.url, shop.channel.id, shop.secret, {
      message: { id: "s-1", text: "Colis en retard" },
      contact: { id: "shop-ana", name: "Ana Costa" },
    });
    await postSignedHook(relais.url, app.channel.id, app.secret, {
      message: { id: "a-1", text: "Toujours rien" },
      contact: { id: "app-ana", name: "ana", phone: "+33698765432" },
    });
    const contacts = (await api.get("/api/v1/contacts?q=ana")).body.data;
    const target = contacts.find((c: { name: string }) => c.name === "Ana Costa");
    const source = contacts.find((c: { name: string }) => c.name === "ana");
    // Languages set explicitly: triage fills an empty one, at its own pace.
    await api.patch(`/api/v1/contacts/${target.id}`, { locale: "fr" });
    await api.patch(`/api/v1/contacts/${source.id}`, {
      notes: "Préfère l'appli",
      locale: "pt",
      timeZone: "America/Sao_Paulo",
    });
    const before = {
      target: await snapshot(relais, account.id, target.id),
      source: await snapshot(relais, account.id, source.id),
    };

    const merge = await api.post(`/api/v1/contacts/${target.id}/merge`, { sourceId: source.id });
    expect(merge.status).toBe(200);
    expect(merge.body.data).toMatchObject({ phone: "+33698765432", notes: "Préfère l'appli" });
    // Between merge and undo: a message through the absorbed identity, and an agent's edit.
    await postSignedHook(relais.url, app.channel.id, app.secret, {
      message: { id: "a-2", text: "Vous êtes là ?" },
      contact: { id: "app-ana" },
    });
    await api.patch(`/api/v1/contacts/${target.id}`, { timeZone: "Europe/Lisbon" });

    const merges = await api.get(`/api/v1/contacts/${target.id}/merges`);
    expect(merges.body.data).toEqual([
      expect.objectContaining({ sourceName: "ana", mergedById: user.id, undoable: true }),
    ]);
    const undo = await api.post(`/api/v1/contact-merges/${merges.body.data[0].id}/undo`, {});
    expect(undo.status, JSON.stringify(undo.body)).toBe(200);
    expect(undo.body.data.keptFields).toEqual(["time_zone"]);
    expect(undo.body.data.contact.id).toBe(source.id);

    const after = {
      target: await snapshot(relais, account.id, target.id),
      source: await snapshot(relais, account.id, source.id),
    };
    // The absorbed contact, field by field, with its identities, conversations and messages.
    expect(after.source.contact).toEqual(before.source.contact);
    expect(after.source.identities).toEqual(before.source.identities);
    expect(after.source.conversations).toEqual(before.source.conversations);
    const arrived = after.source.messages.filter(
      (m) => !before.source.messages.some((old) => old.id === m.id),
    );
    expect(arrived).toHaveLength(1);
    expect(before.source.conversations).toContain(arrived[0]?.conversation_id);
    // The survivor: its own rows, its fields back, except the one an agent edited since.
    expect(after.target.identities).toEqual(before.target.identities);
    expect(after.target.conversations).toEqual(before.target.conversations);
    expect(after.target.messages).toEqual(before.target.messages);
    expect(after.target.contact).toMatchObject({
      ...before.target.contact,
      time_zone: "Europe/Lisbon",
      updated_at: expect.any(Date),
    });

    const again = await api.post(`/api/v1/contact-merges/${merges.body.data[0].id}/undo`, {});
    expect(again.status).toBe(409);
    const audit = await api.get(`/api/v1/audit?subjectType=contact&subjectId=${target.id}`);
    expect(audit.body.data.map((e: { action: string }) => e.action).slice(0, 3)).toEqual([
      "contact.unmerge",
      "contact.update",
      "contact.merge",
    ]);
    // Merging again redoes it.
    const redo = await api.post(`/api/v1/contacts/${target.id}/merge`, { sourceId: source.id });
    expect(redo.status).toBe(200);
  });

  it("never crosses accounts, and keeps agents from undoing or reading the audit", async () => {
    const a = await createAccount(relais.services);
    const b = await createAccount(relais.services);
    const mine = await seedContact(relais.services, a.account.id, { name: "Jean Morel" });
    const theirs = await seedContact(relais.services, b.account.id, { name: "Jean Morel" });
    const other = await seedContact(relais.services, b.account.id, { name: "J. Morel" });
    const apiB = apiClient(relais.url, b.token);
    await apiB.post(`/api/v1/contacts/${theirs.id}/merge`, { sourceId: other.id });
    const mergeB = (await apiB.get(`/api/v1/contacts/${theirs.id}/merges`)).body.data[0];
    const api = apiClient(relais.url, a.token);
    const duplicates = await api.get(`/api/v1/contacts/${mine.id}/duplicates`);
    expect(duplicates.body.data).toEqual([]);
    expect((await api.post(`/api/v1/contact-merges/${mergeB.id}/undo`, {})).status).toBe(404);
    const dismiss = await api.post(`/api/v1/contacts/${mine.id}/duplicates/dismiss`, {
      contactId: theirs.id,
    });
    expect(dismiss.status).toBe(404);
    const audit = await api.get(`/api/v1/audit?subjectType=contact&subjectId=${theirs.id}`);
    expect(audit.body.data).toEqual([]);
  });

  it("tells one story in time order across channels", async () => {
    const { account, token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const shop = await createApiChannel(relais.services, account.id);
    const app = await createApiChannel(relais.services, account.id);
    const at = (minute: number) => `2026-11-0${1 + (minute % 2)}T10:0${minute}:00Z`;
    const contact = { id: "tl-1", name: "Iris", email: "iris@example.fr" };
    await postSignedHook(relais.url, app.channel.id, app.secret, {
      message: { id: "x-2", text: "deux", sentAt: at(2) },
      contact,
    });
    await postSignedHook(relais.url, shop.channel.id, shop.secret, {
      message: { id: "x-1", text: "un", sentAt: "2026-10-31T09:00:00Z" },
      contact,
    });
    await postSignedHook(relais.url, shop.channel.id, shop.secret, {
      message: { id: "x-3", text: "trois", sentAt: at(3) },
      contact,
    });
    const iris = (await api.get("/api/v1/contacts?q=iris")).body.data[0];
    const first = await api.get(`/api/v1/contacts/${iris.id}/timeline?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.data.map((i: { text: string }) => i.text)).toEqual(["un", "deux"]);
    expect(first.body.data[0]).toMatchObject({
      type: "message",
      channelKind: "api",
      direction: "in",
    });
    const second = await api.get(
      `/api/v1/contacts/${iris.id}/timeline?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.data.map((i: { text: string }) => i.text)).toEqual(["trois"]);
    expect(second.body.nextCursor).toBeUndefined();
  });
});
