import type { Kysely } from "kysely";
import type { EmailQuarantine } from "../db/schema/emailInbound.ts";
import type { DB } from "../db/schema.ts";
import { decodeCursor, encodeCursor, ZTimeCursor } from "../routes/cursor.ts";

/** A quarantined mail with the name and address of the channel it reached. */
export type QuarantineRow = Omit<EmailQuarantine, "raw"> & {
  channel_name: string;
  channel_address: string | null;
};

function withChannel(db: Kysely<DB>, accountId: string) {
  return db
    .selectFrom("email_quarantine as q")
    .innerJoin("channels as c", (join) =>
      join.onRef("c.account_id", "=", "q.account_id").onRef("c.id", "=", "q.channel_id"),
    )
    .select([
      "q.account_id",
      "q.id",
      "q.channel_id",
      "q.external_id",
      "q.reason",
      "q.sender",
      "q.subject",
      "q.text",
      "q.size",
      "q.envelope",
      "q.status",
      "q.received_at",
      "q.resolved_at",
      "q.resolved_by_user_id",
      "q.message_id",
      "q.conversation_id",
      "c.name as channel_name",
    ])
    .select((eb) => eb.ref("c.config", "->>").key("address").as("channel_address"))
    .where("q.account_id", "=", accountId);
}

/** One page of the account's quarantined mail in one status, newest first. */
export async function listQuarantine(
  db: Kysely<DB>,
  accountId: string,
  query: { status: EmailQuarantine["status"]; cursor?: string; limit: number },
): Promise<{ rows: QuarantineRow[]; nextCursor?: string }> {
  let builder = withChannel(db, accountId).where("q.status", "=", query.status);
  if (query.cursor) {
    const [receivedAt, id] = decodeCursor(query.cursor, ZTimeCursor);
    builder = builder.where((eb) =>
      eb.or([
        eb("q.received_at", "<", new Date(receivedAt)),
        eb.and([eb("q.received_at", "=", new Date(receivedAt)), eb("q.id", "<", id)]),
      ]),
    );
  }
  const rows = (await builder
    .orderBy("q.received_at", "desc")
    .orderBy("q.id", "desc")
    .limit(query.limit + 1)
    .execute()) as QuarantineRow[];
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor([last.received_at.toISOString(), last.id])
        : undefined,
  };
}

export async function findQuarantine(
  db: Kysely<DB>,
  accountId: string,
  id: string,
): Promise<QuarantineRow | null> {
  const row = await withChannel(db, accountId).where("q.id", "=", id).executeTakeFirst();
  return (row as QuarantineRow | undefined) ?? null;
}
