import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createApiChannel } from "../../../test/support/factories.ts";
import { closeServices, testServices } from "../../../test/support/relais.ts";
import type { InboundContact, InboundItem } from "../channels/provider.ts";
import type { Channel } from "../db/schema.ts";
import type { Services } from "../services.ts";
import { inboundIngester } from "./inboundIngester.ts";

/** Counts the statements run through a Kysely instance (transaction begin and commit aside). */
class StatementCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs) {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    this.count += 1;
    return args.result;
  }
}

function message(
  externalId: string,
  contact: Partial<InboundContact> & { id: string; verified?: boolean },
  extra: { conversationNumber?: number; sentAt?: Date } = {},
): InboundItem {
  const { id, verified = true, ...rest } = contact;
  return {
    type: "message",
    message: {
      externalId,
      text: `Bonjour, ma commande ${externalId} n'est pas arrivée.`,
      visibility: "private",
      sentAt: extra.sentAt,
      conversationNumber: extra.conversationNumber,
      contact: { identity: { kind: "api", value: id, verified }, ...rest },
    },
  };
}

describe("inboundIngester", () => {
  let services: Services;

  beforeAll(async () => {
    services = await testServices();
  });
  afterAll(async () => {
    await closeServices(services);
  });

  async function setup() {
    const { account } = await createAccount(services);
    const { channel } = await createApiChannel(services, account.id);
    return { accountId: account.id, channel: channel as Channel };
  }

  /** The events of the account's inbound messages (not those of creating its user and channel). */
  async function eventsOf(accountId: string) {
    return services.db
      .selectFrom("events")
      .select(["name", "payload"])
      .where("account_id", "=", accountId)
      .where("name", "not in", ["user.created", "channel.created"])
      .orderBy("id")
      .execute();
  }

  it("stores a message in five statements, from a new customer or a known one", async () => {
    const { accountId, channel } = await setup();
    const counter = new StatementCounter();
    const db = services.db.withPlugin(counter);

    const first = await inboundIngester(db, channel, [message("m-1", { id: "c-1", name: "Zoé" })]);
    expect(first.stored).toBe(1);
    // lock, identity look-up, contact + identity, events, conversation + message
    expect(counter.count).toBe(5);

    counter.count = 0;
    const second = await inboundIngester(db, channel, [message("m-2", { id: "c-1" })]);
    expect(second.stored).toBe(1);
    // lock, identity look-up, conversation (locked), events, message + conversation update
    expect(counter.count).toBe(5);

    const events = await eventsOf(accountId);
    expect(events.map((event) => event.name)).toEqual([
      "contact.created",
      "conversation.created",
      "message.created",
      "conversation.updated",
      "message.created",
    ]);
    expect(events[3]?.payload).toMatchObject({
      messageId: second.messageIds[0],
      changes: ["waitingSince"],
    });
    const conversations = await services.db
      .selectFrom("conversations")
      .select(["id", "status", "number", "waiting_since", "last_inbound_at"])
      .where("account_id", "=", accountId)
      .execute();
    expect(conversations).toHaveLength(1);
    expect(conversations[0]?.status).toBe("open");
    expect(conversations[0]?.number).toBe(1);
    expect(conversations[0]?.waiting_since).toBeInstanceOf(Date);
  });

  it("stores the same event once, even delivered twice at the same time, and writes nothing for the copy", async () => {
    const { accountId, channel } = await setup();
    const item = message("dup-1", { id: "c-dup", name: "Jules" });
    const [a, b] = await Promise.all([
      inboundIngester(services.db, channel, [item]),
      inboundIngester(services.db, channel, [item]),
    ]);
    expect(a.stored + b.stored).toBe(1);
    expect(a.duplicates + b.duplicates).toBe(1);
    const again = await inboundIngester(services.db, channel, [item]);
    expect(again).toMatchObject({ stored: 0, duplicates: 1 });

    const counts = await services.db
      .selectNoFrom((eb) => [
        eb
          .selectFrom("messages")
          .select((e) => e.fn.countAll<number>().as("n"))
          .where("account_id", "=", accountId)
          .as("messages"),
        eb
          .selectFrom("contacts")
          .select((e) => e.fn.countAll<number>().as("n"))
          .where("account_id", "=", accountId)
          .as("contacts"),
        eb
          .selectFrom("conversations")
          .select((e) => e.fn.countAll<number>().as("n"))
          .where("account_id", "=", accountId)
          .as("conversations"),
      ])
      .executeTakeFirstOrThrow();
    expect(counts).toEqual({ messages: 1, contacts: 1, conversations: 1 });
    expect((await eventsOf(accountId)).map((event) => event.name)).toEqual([
      "contact.created",
      "conversation.created",
      "message.created",
    ]);
    const sequence = await services.db
      .selectFrom("accounts")
      .select("conversation_seq")
      .where("id", "=", accountId)
      .executeTakeFirstOrThrow();
    expect(sequence.conversation_seq).toBe(1);
  });

  it("joins a verified email or phone claim to the customer who owns it, never an unverified one", async () => {
    const { accountId, channel } = await setup();
    const first = await inboundIngester(services.db, channel, [
      message("j-1", { id: "shop-1", email: "Zoe@Example.fr", phone: "+33 6 12 34 56 78" }),
    ]);
    const identities = await services.db
      .selectFrom("identities")
      .select(["kind", "value", "verified", "contact_id"])
      .where("account_id", "=", accountId)
      .orderBy("kind")
      .execute();
    expect(identities.map(({ kind, value }) => `${kind}:${value}`)).toEqual([
      "api:shop-1",
      "email:zoe@example.fr",
      "phone:+33612345678",
    ]);
    const contactId = identities[0]?.contact_id;
    expect(new Set(identities.map((identity) => identity.contact_id))).toEqual(
      new Set([contactId]),
    );

    // Another identity that proves the same phone (the email is someone else's claim: unknown).
    await inboundIngester(services.db, channel, [
      message("j-2", { id: "shop-2", email: "other@example.fr", phone: "+33612345678" }),
    ]);
    // The same email, unverified: a new customer, and the email stays the first one's.
    await inboundIngester(services.db, channel, [
      message("j-3", { id: "shop-3", email: "zoe@example.fr", verified: false }),
    ]);

    const owners = await services.db
      .selectFrom("identities")
      .select(["kind", "value", "contact_id"])
      .where("account_id", "=", accountId)
      .execute();
    const owner = (kind: string, value: string) =>
      owners.find((row) => row.kind === kind && row.value === value)?.contact_id;
    expect(owner("api", "shop-2")).toBe(contactId);
    expect(owner("email", "other@example.fr")).toBe(contactId);
    expect(owner("api", "shop-3")).toBeDefined();
    expect(owner("api", "shop-3")).not.toBe(contactId);
    expect(owner("email", "zoe@example.fr")).toBe(contactId);
    const created = (await eventsOf(accountId)).filter((e) => e.name === "contact.created");
    expect(created).toHaveLength(2);
    expect(first.stored).toBe(1);
  });

  it("reopens a resolved conversation named by its number, and says its status changed", async () => {
    const { accountId, channel } = await setup();
    const sentAt = new Date("2026-11-20T10:00:00Z");
    await inboundIngester(services.db, channel, [message("r-1", { id: "c-r" }, { sentAt })]);
    const conversation = await services.db
      .updateTable("conversations")
      .set({ status: "resolved", resolved_at: new Date(), waiting_since: null })
      .where("account_id", "=", accountId)
      .returning(["id", "number", "last_message_at"])
      .executeTakeFirstOrThrow();

    const later = new Date("2026-11-21T09:00:00Z");
    const outcome = await inboundIngester(services.db, channel, [
      message("r-2", { id: "c-r" }, { conversationNumber: conversation.number, sentAt: later }),
    ]);
    expect(outcome.stored).toBe(1);
    const row = await services.db
      .selectFrom("conversations")
      .select(["status", "resolved_at", "waiting_since", "last_message_at", "last_inbound_at"])
      .where("account_id", "=", accountId)
      .where("id", "=", conversation.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: "open",
      resolved_at: null,
      waiting_since: later,
      last_message_at: later,
      last_inbound_at: later,
    });
    const updated = (await eventsOf(accountId)).at(-2);
    expect(updated).toMatchObject({
      name: "conversation.updated",
      payload: { conversationId: conversation.id, changes: ["status", "waitingSince"] },
    });

    // An older message (delivered late) keeps the latest activity time.
    await inboundIngester(services.db, channel, [message("r-0", { id: "c-r" }, { sentAt })]);
    const after = await services.db
      .selectFrom("conversations")
      .select(["last_message_at", "waiting_since"])
      .where("account_id", "=", accountId)
      .where("id", "=", conversation.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ last_message_at: later, waiting_since: later });
  });
});
