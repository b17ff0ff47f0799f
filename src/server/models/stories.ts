import { type Kysely, sql } from "kysely";
import type { TStoryListQuery } from "../../shared/stories.ts";
import type { Story } from "../db/schema/stories.ts";
import type { Conversation, DB } from "../db/schema.ts";

/** The account's stories, newest first (by publication, or by creation for drafts). */
export async function listStories(
  db: Kysely<DB>,
  accountId: string,
  query: TStoryListQuery,
): Promise<Story[]> {
  const when = sql<Date>`coalesce(published_at, created_at)`;
  return db
    .selectFrom("stories")
    .selectAll()
    .where("account_id", "=", accountId)
    .$if(query.status !== undefined, (q) => q.where("status", "=", query.status ?? "draft"))
    .$if(query.since !== undefined, (q) => q.where(when, ">=", query.since ?? new Date(0)))
    .orderBy(when, "desc")
    .orderBy("id")
    .limit(query.limit)
    .execute();
}

export interface StoryMaterial {
  messages: Array<{
    direction: "in" | "out";
    author_user_id: string | null;
    author_contact_id: string | null;
    text: string;
  }>;
  /** The conversation's customer and any other contact who wrote in it, with their identities. */
  contacts: Array<{ id: string; name: string | null; displayNames: string[]; handles: string[] }>;
  /** Every user of the account: agents named in a message are replaced too. */
  users: Array<{ id: string; name: string }>;
  orderNumbers: string[];
  accountLocale: string;
}

/**
 * What a story of the conversation is made from: its messages to and from the customer (not
 * internal notes, not deleted ones), the names, handles and order numbers Relais knows.
 */
export async function loadStoryMaterial(
  db: Kysely<DB>,
  conversation: Conversation,
): Promise<StoryMaterial> {
  const accountId = conversation.account_id;
  const messages = await db
    .selectFrom("messages")
    .select(["direction", "author_user_id", "author_contact_id", "text"])
    .where("account_id", "=", accountId)
    .where("conversation_id", "=", conversation.id)
    .where("direction", "in", ["in", "out"])
    .where("deleted_at", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const contactIds = [
    ...new Set([
      conversation.contact_id,
      ...messages.flatMap((message) => message.author_contact_id ?? []),
    ]),
  ];
  const [contacts, identities, users, orders, account] = await Promise.all([
    db
      .selectFrom("contacts")
      .select(["id", "name"])
      .where("account_id", "=", accountId)
      .where("id", "in", contactIds)
      .execute(),
    db
      .selectFrom("identities")
      .select(["contact_id", "display_name", "handle"])
      .where("account_id", "=", accountId)
      .where("contact_id", "in", contactIds)
      .execute(),
    db.selectFrom("users").select(["id", "name"]).where("account_id", "=", accountId).execute(),
    db
      .selectFrom("orders")
      .select("number")
      .where("account_id", "=", accountId)
      .where("contact_id", "in", contactIds)
      .orderBy("placed_at", "desc")
      .limit(200)
      .execute(),
    db
      .selectFrom("accounts")
      .select("locale")
      .where("id", "=", accountId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    messages: messages.map((message) => ({
      ...message,
      direction: message.direction === "in" ? "in" : "out",
    })),
    contacts: contactIds.map((id) => {
      const own = identities.filter((identity) => identity.contact_id === id);
      return {
        id,
        name: contacts.find((contact) => contact.id === id)?.name ?? null,
        displayNames: own.flatMap((identity) => identity.display_name ?? []),
        handles: own.flatMap((identity) => identity.handle ?? []),
      };
    }),
    users,
    orderNumbers: orders.map((order) => order.number),
    accountLocale: account.locale,
  };
}
