import { type Kysely, sql } from "kysely";
import type { DB } from "../../../db/schema.ts";
import type { ScaleBatch } from "./plan.ts";

/** Column name and SQL type, in the order of the generated rows' fields. */
type Columns = ReadonlyArray<readonly [string, string]>;

const CONTACTS: Columns = [
  ["id", "uuid"],
  ["name", "text"],
  ["email", "text"],
  ["phone", "text"],
  ["locale", "text"],
  ["time_zone", "text"],
  ["created_at", "timestamptz"],
];
const IDENTITIES: Columns = [
  ["id", "uuid"],
  ["contact_id", "uuid"],
  ["kind", "text"],
  ["value", "text"],
  ["display_name", "text"],
  ["handle", "text"],
  ["followers", "integer"],
  ["verified", "boolean"],
  ["created_at", "timestamptz"],
];
const CONVERSATIONS: Columns = [
  ["id", "uuid"],
  ["number", "integer"],
  ["contact_id", "uuid"],
  ["channel_id", "uuid"],
  ["subject", "text"],
  ["status", "text"],
  ["priority", "text"],
  ["assignee_id", "uuid"],
  ["team_id", "uuid"],
  ["language", "text"],
  ["category", "text"],
  ["category_confidence", "real"],
  ["sentiment", "text"],
  ["sentiment_score", "real"],
  ["urgency_score", "real"],
  ["visibility", "text"],
  ["labels", "text[]"],
  ["author_followers", "integer"],
  ["waiting_since", "timestamptz"],
  ["first_response_at", "timestamptz"],
  ["resolved_at", "timestamptz"],
  ["snoozed_until", "timestamptz"],
  ["last_message_at", "timestamptz"],
  ["last_inbound_at", "timestamptz"],
  ["created_at", "timestamptz"],
  ["updated_at", "timestamptz"],
  ["triaged_at", "timestamptz"],
];
const MESSAGES: Columns = [
  ["id", "uuid"],
  ["conversation_id", "uuid"],
  ["channel_id", "uuid"],
  ["direction", "text"],
  ["author_user_id", "uuid"],
  ["author_contact_id", "uuid"],
  ["identity_id", "uuid"],
  ["text", "text"],
  ["visibility", "text"],
  ["external_id", "text"],
  ["delivery_status", "text"],
  ["sent_at", "timestamptz"],
  ["created_at", "timestamptz"],
];

/**
 * One multi-row insert per table: the rows travel as one JSON parameter, unpacked by
 * `json_to_recordset` (pg-copy-streams is not a dependency; this works on PGlite as well).
 */
async function insertRows(
  db: Kysely<DB>,
  table: string,
  accountId: string,
  columns: Columns,
  rows: readonly object[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => name).join(", ");
  const definitions = columns.map(([name, type]) => `${name} ${type}`).join(", ");
  await sql`insert into ${sql.table(table)} (account_id, ${sql.raw(names)})
    select ${accountId}::uuid, ${sql.raw(names)}
    from json_to_recordset(${JSON.stringify(rows)}::json) as x(${sql.raw(definitions)})`.execute(
    db,
  );
}

/** Writes one batch in one transaction, parents first. */
export async function writeBatch(
  db: Kysely<DB>,
  accountId: string,
  batch: ScaleBatch,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await insertRows(trx, "contacts", accountId, CONTACTS, batch.contacts);
    await insertRows(trx, "identities", accountId, IDENTITIES, batch.identities);
    await insertRows(trx, "conversations", accountId, CONVERSATIONS, batch.conversations);
    await insertRows(trx, "messages", accountId, MESSAGES, batch.messages);
  });
}
