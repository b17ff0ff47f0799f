import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedContact } from "../../../../../test/support/contacts.ts";
import {
  createAccount,
  createApiChannel,
  createUser,
} from "../../../../../test/support/factories.ts";
import { apiClient } from "../../../../../test/support/http.ts";
import { startTestRelais } from "../../../../../test/support/relais.ts";
import { CONTACT_REFERENCES } from "../../../commands/contactMerger.ts";

/** A busy machine slows starting Relais (PGlite). */
const STARTUP_MS = 180_000;

type Relais = Awaited<ReturnType<typeof startTestRelais>>;

async function rowsOf(relais: Relais, accountId: string, contactId: string) {
  const db = relais.services.db;
  const count = async (table: "identities" | "conversations" | "chat_sessions" | "callbacks") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .where("account_id", "=", accountId)
          .where("contact_id", "=", contactId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const messages = await db
    .selectFrom("messages")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("account_id", "=", accountId)
    .where("author_contact_id", "=", contactId)
    .executeTakeFirstOrThrow();
  return {
    identities: await count("identities"),
    conversations: await count("conversations"),
    chatSessions: await count("chat_sessions"),
    callbacks: await count("callbacks"),
    messages: Number(messages.n),
  };
}

async function mergeTrail(relais: Relais, accountId: string) {
  const events = await relais.services.db
    .selectFrom("events")
    .select(["name", "payload", "actor_user_id"])
    .where("account_id", "=", accountId)
    .where("name", "=", "contact.merged")
    .execute();
  const audit = await relais.services.db
    .selectFrom("audit_log")
    .select(["action", "subject_id", "data", "actor_user_id"])
    .where("account_id", "=", accountId)
    .where("action", "=", "contact.merge")
    .execute();
  return { events, audit };
}

describe("POST /api/v1/contacts/:id/merge", { timeout: 120_000 }, () => {
  let relais: Relais;
  beforeAll(async () => {
    relais = await startTestRelais();
  }, STARTUP_MS);
  afterAll(async () => {
    await relais?.stop();
  });

  it("moves identities, conversations, messages, chat sessions and callbacks, then deletes the source", async () => {
    const { account, user, token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const target = await seedContact(relais.services, account.id, {
      name: "Léa Dupont",
      notes: "Cliente fidèle.",
      identities: [{ kind: "twitter", value: "1234", handle: "lea_dupont" }],
      conversations: 1,
    });
    const source = await seedContact(relais.services, account.id, {
      name: "lea.d",
      email: "lea@example.fr",
      locale: "fr",
      notes: "Préfère l’email.",
      identities: [
        { kind: "email", value: "lea@example.fr" },
        { kind: "chat", value: "visitor-lea" },
      ],
      conversations: 2,
    });
    const { channel } = await createApiChannel(relais.services, account.id);
    await relais.services.db
      .insertInto("chat_sessions")
      .values({
        account_id: account.id,
        channel_id: channel.id,
        contact_id: source.id,
        visitor_id: "visitor-lea",
        token_hash: randomUUID(),
      })
      .execute();
    await relais.services.db
      .insertInto("callbacks")
      .values({
        account_id: account.id,
        conversation_id: source.conversationIds[0] ?? "",
        contact_id: source.id,
        phone: "+33612345678",
        scheduled_at: new Date(Date.now() + 86_400_000),
        customer_time_zone: "Europe/Paris",
        source: "agent",
      })
      .execute();
    expect(await rowsOf(relais, account.id, source.id)).toEqual({
      identities: 2,
      conversations: 2,
      chatSessions: 1,
      callbacks: 1,
      messages: 2,
    });

    const merged = await api.post(`/api/v1/contacts/${target.id}/merge`, { sourceId: source.id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const data = merged.body.data;
    // The target keeps its name, takes the fields it lacked, and keeps both notes.
    expect(data).toMatchObject({
      id: target.id,
      name: "Léa Dupont",
      email: "lea@example.fr",
      locale: "fr",
      notes: "Cliente fidèle.\n\nPréfère l’email.",
    });
    expect(data.identities.map((identity: { kind: string }) => identity.kind).sort()).toEqual([
      "chat",
      "email",
      "twitter",
    ]);
    expect(
      data.conversations.map((conversation: { id: string }) => conversation.id).sort(),
    ).toEqual([...target.conversationIds, ...source.conversationIds].sort());

    expect(await rowsOf(relais, account.id, source.id)).toEqual({
      identities: 0,
      conversations: 0,
      chatSessions: 0,
      callbacks: 0,
      messages: 0,
    });
    expect(await rowsOf(relais, account.id, target.id)).toEqual({
      identities: 3,
      conversations: 3,
      chatSessions: 1,
      callbacks: 1,
      messages: 3,
    });
    expect((await api.get(`/api/v1/contacts/${source.id}`)).status).toBe(404);
    const detail = await api.get(`/api/v1/contacts/${target.id}`);
    expect(detail.body.data.conversations).toHaveLength(3);

    const { events, audit } = await mergeTrail(relais, account.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_user_id: user.id,
      payload: { contactId: target.id, mergedContactId: source.id },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.subject_id).toBe(target.id);
    expect(audit[0]?.actor_user_id).toBe(user.id);
    const trail = audit[0]?.data as {
      source: { id: string; name: string; notes: string };
      conversationIds: string[];
      identityIds: string[];
    };
    expect(trail.source).toMatchObject({ id: source.id, name: "lea.d", notes: "Préfère l’email." });
    expect(trail.conversationIds.sort()).toEqual([...source.conversationIds].sort());
    expect(trail.identityIds).toHaveLength(2);

    // The list and its search find one person, with all their conversations.
    const found = await api.get("/api/v1/contacts?q=lea");
    expect(found.body.data).toHaveLength(1);
    expect(found.body.data[0]).toMatchObject({ id: target.id, conversationCount: 3 });
  });

  it("refuses to merge a contact with itself, with 422, and changes nothing", async () => {
    const { account, token } = await createAccount(relais.services);
    const contact = await seedContact(relais.services, account.id, {
      name: "Seul",
      identities: [{ kind: "email", value: "seul@example.fr" }],
      conversations: 1,
    });
    const answer = await apiClient(relais.url, token).post(`/api/v1/contacts/${contact.id}/merge`, {
      sourceId: contact.id,
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error).toEqual({
      id: "contact_merge_self",
      message: "A contact cannot be merged with itself.",
    });
    expect(await rowsOf(relais, account.id, contact.id)).toMatchObject({
      identities: 1,
      conversations: 1,
    });
    expect(await mergeTrail(relais, account.id)).toEqual({ events: [], audit: [] });
  });

  it("validates the body with 400", async () => {
    const { account, token } = await createAccount(relais.services);
    const contact = await seedContact(relais.services, account.id, { name: "Valide" });
    const api = apiClient(relais.url, token);
    for (const body of [{}, { sourceId: "not-an-id" }, { sourceId: contact.id, extra: 1 }]) {
      const answer = await api.post(`/api/v1/contacts/${contact.id}/merge`, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.id).toBe("validation_failed");
    }
  });

  it("answers 404 when either contact belongs to another account, and moves nothing", async () => {
    const a = await createAccount(relais.services);
    const b = await createAccount(relais.services);
    const mine = await seedContact(relais.services, a.account.id, {
      name: "Chez A",
      conversations: 1,
    });
    const theirs = await seedContact(relais.services, b.account.id, {
      name: "Chez B",
      identities: [{ kind: "email", value: "b@example.fr" }],
      conversations: 1,
    });
    const api = apiClient(relais.url, a.token);
    const pull = await api.post(`/api/v1/contacts/${mine.id}/merge`, { sourceId: theirs.id });
    expect(pull.status).toBe(404);
    expect(pull.body.error.id).toBe("not_found");
    const push = await api.post(`/api/v1/contacts/${theirs.id}/merge`, { sourceId: mine.id });
    expect(push.status).toBe(404);
    const unknown = await api.post(`/api/v1/contacts/${mine.id}/merge`, { sourceId: randomUUID() });
    expect(unknown.status).toBe(404);

    expect(await rowsOf(relais, b.account.id, theirs.id)).toMatchObject({
      identities: 1,
      conversations: 1,
    });
    expect(await rowsOf(relais, a.account.id, mine.id)).toMatchObject({ conversations: 1 });
    expect(await mergeTrail(relais, a.account.id)).toEqual({ events: [], audit: [] });
    expect(await mergeTrail(relais, b.account.id)).toEqual({ events: [], audit: [] });
  });

  it("lets supervisors and admins merge, and refuses agents with 403", async () => {
    const { account } = await createAccount(relais.services);
    const agent = await createUser(relais.services, account.id, "agent");
    const supervisor = await createUser(relais.services, account.id, "supervisor");
    const target = await seedContact(relais.services, account.id, {
      name: "Cible",
      conversations: 1,
    });
    const source = await seedContact(relais.services, account.id, {
      name: "Doublon",
      conversations: 1,
    });

    const refused = await apiClient(relais.url, agent.token).post(
      `/api/v1/contacts/${target.id}/merge`,
      { sourceId: source.id },
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.id).toBe("forbidden");
    expect(await rowsOf(relais, account.id, source.id)).toMatchObject({ conversations: 1 });
    expect(await mergeTrail(relais, account.id)).toEqual({ events: [], audit: [] });

    const allowed = await apiClient(relais.url, supervisor.token).post(
      `/api/v1/contacts/${target.id}/merge`,
      { sourceId: source.id },
    );
    expect(allowed.status).toBe(200);
    expect(await rowsOf(relais, account.id, target.id)).toMatchObject({ conversations: 2 });
  });

  it("writes nothing when the merge fails at its last step", async () => {
    const { account, token } = await createAccount(relais.services);
    const target = await seedContact(relais.services, account.id, {
      name: "Cible intacte",
      identities: [{ kind: "twitter", value: "777" }],
      conversations: 1,
    });
    const source = await seedContact(relais.services, account.id, {
      name: "Échec de fusion",
      email: "echec@example.fr",
      identities: [{ kind: "email", value: "echec@example.fr" }],
      conversations: 2,
    });
    // The audit entry is the merge's last write: failing there must undo everything before it.
    await sql`create or replace function relais_test_fail_merge() returns trigger
      language plpgsql as $$
      begin
        if new.data -> 'source' ->> 'name' = 'Échec de fusion' then
          raise exception 'simulated failure after the merge';
        end if;
        return new;
      end $$`.execute(relais.services.db);
    await sql`create trigger relais_test_fail_merge before insert on audit_log
      for each row execute function relais_test_fail_merge()`.execute(relais.services.db);

    const answer = await apiClient(relais.url, token).post(`/api/v1/contacts/${target.id}/merge`, {
      sourceId: source.id,
    });
    expect(answer.status).toBe(500);
    expect(answer.body.error.id).toBe("internal");

    expect(await rowsOf(relais, account.id, source.id)).toEqual({
      identities: 1,
      conversations: 2,
      chatSessions: 0,
      callbacks: 0,
      messages: 2,
    });
    expect(await rowsOf(relais, account.id, target.id)).toMatchObject({
      identities: 1,
      conversations: 1,
      messages: 1,
    });
    const contacts = await relais.services.db
      .selectFrom("contacts")
      .select(["id", "name", "email"])
      .where("account_id", "=", account.id)
      .orderBy("name")
      .execute();
    expect(contacts).toEqual([
      { id: target.id, name: "Cible intacte", email: null },
      { id: source.id, name: "Échec de fusion", email: "echec@example.fr" },
    ]);
    expect(await mergeTrail(relais, account.id)).toEqual({ events: [], audit: [] });
  });

  it("moves every column of the schema that points at a contact", async () => {
    // Columns named for a contact, and columns of foreign keys to contacts (beyond account_id).
    const named = await sql<{ table: string; column: string }>`
      select table_name as table, column_name as column from information_schema.columns
      where table_schema = current_schema()
        and (column_name like '%contact_id'
          -- conversations.merged_into_id points at a conversation, not a contact.
          or (table_name = 'contacts' and column_name = 'merged_into_id'))`.execute(
      relais.services.db,
    );
    const keys = await sql<{ table: string; column: string }>`
      select cl.relname as table, att.attname as column
      from pg_constraint con
      join pg_class cl on cl.oid = con.conrelid
      join pg_attribute att on att.attrelid = con.conrelid and att.attnum = any (con.conkey)
      where con.contype = 'f' and con.confrelid = 'contacts'::regclass
        and att.attname <> 'account_id'`.execute(relais.services.db);
    const inSchema = new Set([...named.rows, ...keys.rows].map((r) => `${r.table}.${r.column}`));
    const handled = new Set(CONTACT_REFERENCES.map((r) => `${r.table}.${r.column}`));
    expect([...inSchema].sort()).toEqual([...handled].sort());
  });
});
