import { type Kysely, sql } from "kysely";
import type { Idea } from "../db/schema/ideas.ts";
import type { DB } from "../db/schema.ts";

export type IdeaRow = Idea & { votes: number };

/** The distinct customers of an idea's linked conversations (`i`): its votes. */
const VOTES = sql<number>`(
  select count(distinct c.contact_id) from idea_links l
  join conversations c on c.account_id = l.account_id and c.id = l.conversation_id
  where l.account_id = i.account_id and l.idea_id = i.id)`;

const IDEA_COLUMNS = [
  "i.account_id",
  "i.id",
  "i.title",
  "i.description",
  "i.kind",
  "i.status",
  "i.status_note",
  "i.public",
  "i.created_by",
  "i.created_at",
  "i.updated_at",
] as const;

/** The account's ideas, most votes first (only the public ones when asked). */
export async function listIdeas(
  db: Kysely<DB>,
  accountId: string,
  options: { publicOnly?: boolean } = {},
): Promise<IdeaRow[]> {
  const rows = await db
    .selectFrom("ideas as i")
    .select(IDEA_COLUMNS)
    .select(VOTES.as("votes"))
    .where("i.account_id", "=", accountId)
    .$if(options.publicOnly === true, (query) => query.where("i.public", "=", true))
    .orderBy("votes", "desc")
    .orderBy("i.created_at", "desc")
    .execute();
  return rows.map((row) => ({ ...row, votes: Number(row.votes ?? 0) }));
}

/** One idea with its votes, or undefined. */
export async function findIdea(
  db: Kysely<DB>,
  accountId: string,
  id: string,
): Promise<IdeaRow | undefined> {
  const row = await db
    .selectFrom("ideas as i")
    .select(IDEA_COLUMNS)
    .select(VOTES.as("votes"))
    .where("i.account_id", "=", accountId)
    .where("i.id", "=", id)
    .executeTakeFirst();
  return row ? { ...row, votes: Number(row.votes ?? 0) } : undefined;
}

export interface IdeaConversationRow {
  id: string;
  number: number;
  subject: string | null;
  status: string;
  contact_id: string;
  contact_name: string | null;
  channel_kind: string | null;
  excerpt: string | null;
  linked_at: Date;
}

/** The customer's first message of a conversation (`c`): what they said giving the idea. */
const FIRST_INBOUND = sql<string | null>`(
  select m.text from messages m
  where m.account_id = c.account_id and m.conversation_id = c.id
    and m.direction = 'in' and m.deleted_at is null
  order by m.created_at limit 1)`;

/** The conversations linked to an idea, each once, in the order they were linked. */
export async function listIdeaConversations(
  db: Kysely<DB>,
  accountId: string,
  ideaId: string,
): Promise<IdeaConversationRow[]> {
  return db
    .selectFrom("idea_links as l")
    .innerJoin("conversations as c", (join) =>
      join.onRef("c.account_id", "=", "l.account_id").onRef("c.id", "=", "l.conversation_id"),
    )
    .innerJoin("contacts as ct", (join) =>
      join.onRef("ct.account_id", "=", "c.account_id").onRef("ct.id", "=", "c.contact_id"),
    )
    .leftJoin("channels as ch", (join) =>
      join.onRef("ch.account_id", "=", "c.account_id").onRef("ch.id", "=", "c.channel_id"),
    )
    .select([
      "c.id",
      "c.number",
      "c.subject",
      "c.status",
      "c.contact_id",
      "ct.name as contact_name",
      "ch.kind as channel_kind",
    ])
    .select((eb) => [eb.fn.min("l.created_at").as("linked_at"), FIRST_INBOUND.as("excerpt")])
    .where("l.account_id", "=", accountId)
    .where("l.idea_id", "=", ideaId)
    .groupBy(["c.account_id", "c.id", "ct.name", "ch.kind"])
    .orderBy("linked_at")
    .execute() as Promise<IdeaConversationRow[]>;
}

/** The idea's linked customers, each with the date they first gave it (their earliest message). */
export async function ideaCustomers(
  db: Kysely<DB>,
  accountId: string,
  ideaId: string,
): Promise<Array<{ contact_id: string; name: string | null; gave_at: Date }>> {
  return db
    .selectFrom("idea_links as l")
    .innerJoin("conversations as c", (join) =>
      join.onRef("c.account_id", "=", "l.account_id").onRef("c.id", "=", "l.conversation_id"),
    )
    .innerJoin("contacts as ct", (join) =>
      join.onRef("ct.account_id", "=", "c.account_id").onRef("ct.id", "=", "c.contact_id"),
    )
    .select(["c.contact_id", "ct.name"])
    .select((eb) => eb.fn.min("c.created_at").as("gave_at"))
    .where("l.account_id", "=", accountId)
    .where("l.idea_id", "=", ideaId)
    .groupBy(["c.contact_id", "ct.name"])
    .orderBy("gave_at")
    .execute() as Promise<Array<{ contact_id: string; name: string | null; gave_at: Date }>>;
}
