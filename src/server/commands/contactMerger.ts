import { type Kysely, sql } from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { Contact, DB } from "../db/schema.ts";
import { notFound, unprocessable } from "../errors.ts";
import { recordAudit, recordEvent } from "../events/outbox.ts";

/**
 * Every column that points at a contact, and so moves to the target of a merge. Several are
 * `on delete cascade`: one forgotten here would be deleted with the source. merge.test.ts
 * compares this list with the database's own catalogue, so a new `contact_id` column fails the
 * test until it is listed.
 */
export const CONTACT_REFERENCES = [
  { table: "identities", column: "contact_id" },
  { table: "conversations", column: "contact_id" },
  { table: "messages", column: "author_contact_id" },
  { table: "chat_sessions", column: "contact_id" },
  { table: "callbacks", column: "contact_id" },
  { table: "contacts", column: "merged_into_id" },
  { table: "orders", column: "contact_id" },
  { table: "resolutions", column: "contact_id" },
  // Keyed by (delay, contact): a delay that told both contacts keeps the target's row.
  { table: "delay_recipients", column: "contact_id", key: "delay_id" },
  { table: "contact_mentions", column: "contact_id" },
  // Unique per (idea, contact, status): a status both were told of keeps the target's row.
  { table: "idea_notices", column: "contact_id" },
] as const satisfies ReadonlyArray<{ table: keyof DB; column: string; key?: string }>;

/** The target keeps its own value of each field and takes the source's where it has none. */
export const FILLED_FIELDS = [
  "name",
  "email",
  "phone",
  "locale",
  "time_zone",
  "avatar_url",
] as const;
type FilledField = (typeof FILLED_FIELDS)[number];
/** The survivor's fields a merge may change (an undo puts them back unless edited since). */
export const MERGED_FIELDS = [...FILLED_FIELDS, "notes"] as const;
export type MergedField = (typeof MERGED_FIELDS)[number];

export function mergedFields(contact: Contact): Record<MergedField, string | null> {
  const fields = {} as Record<MergedField, string | null>;
  for (const field of MERGED_FIELDS) fields[field] = contact[field];
  return fields;
}

export interface ContactMergeProps {
  actor: Actor;
  /** The contact that stays: it keeps its id, its name and the fields it has. */
  targetId: string;
  /** The contact merged into the target, then deleted. */
  sourceId: string;
}

export interface ContactMergeResult {
  contact: Contact;
  /** Rows moved to the target, per `table.column` of CONTACT_REFERENCES. */
  moved: Record<string, number>;
  /** The fields the target took from the source. */
  filled: string[];
}

const isBlank = (value: string | null) => value === null || value.trim() === "";

/**
 * Merges the source contact into the target in one transaction: identities, conversations (with
 * their messages and internal notes), chat sessions and callbacks move to the target; the target
 * fills its empty fields from the source and appends the source's notes to its own; the source is
 * deleted. Writes a `contact.merged` event and an audit entry that keeps what the source was and
 * what moved. Both contacts must belong to the actor's account; the caller has authorized the
 * actor to merge into the target.
 */
export async function contactMerger(
  db: Kysely<DB>,
  props: ContactMergeProps,
): Promise<ContactMergeResult> {
  const { actor, targetId, sourceId } = props;
  return db.transaction().execute(async (trx) => {
    // Both rows locked in id order, so two merges of the same pair cannot deadlock.
    const rows = await trx
      .selectFrom("contacts")
      .selectAll()
      .where("account_id", "=", actor.accountId)
      .where("id", "in", [targetId, sourceId])
      .orderBy("id")
      .forUpdate()
      .execute();
    const target = rows.find((row) => row.id === targetId);
    if (!target) throw notFound("Contact");
    if (sourceId === targetId) {
      throw unprocessable("contact_merge_self", "A contact cannot be merged with itself.");
    }
    const source = rows.find((row) => row.id === sourceId);
    if (!source) throw notFound("Contact to merge");
    return mergeContactInto(trx, {
      accountId: actor.accountId,
      actorUserId: actor.userId,
      target,
      source,
    });
  });
}

/**
 * The merge itself, inside the caller's transaction, both rows already locked: everything that
 * points at `source` moves to `target`, which fills its empty fields from it; `source` is
 * deleted; a `contact.merged` event, an audit entry (with `reason`, when Relais merged on its
 * own) and a `contact_merges` row that keeps every moved key, so the merge can be undone
 * exactly (contactMergeUndoer), are written. `actorUserId` is null when no agent asked for it.
 */
export async function mergeContactInto(
  trx: Kysely<DB>,
  props: {
    accountId: string;
    actorUserId: string | null;
    target: Contact;
    source: Contact;
    reason?: string;
  },
): Promise<ContactMergeResult> {
  const { accountId, actorUserId, target, source } = props;

  const moved: Record<string, number> = {};
  const movedIds: Record<string, string[]> = {};
  // A delay that told both keeps the target's row; the source's is dropped, and kept here so an
  // undo can write it back.
  const dropped = await sql<Record<string, unknown>>`
    delete from delay_recipients s where s.account_id = ${accountId} and s.contact_id = ${source.id}
      and exists (select 1 from delay_recipients t where t.account_id = s.account_id
        and t.delay_id = s.delay_id and t.contact_id = ${target.id})
    returning s.*`.execute(trx);
  const droppedNotices = await sql<Record<string, unknown>>`
    delete from idea_notices s where s.account_id = ${accountId} and s.contact_id = ${source.id}
      and exists (select 1 from idea_notices t where t.account_id = s.account_id
        and t.idea_id = s.idea_id and t.status = s.status and t.contact_id = ${target.id})
    returning s.*`.execute(trx);
  for (const reference of CONTACT_REFERENCES) {
    const { table, column } = reference;
    const key = "key" in reference ? reference.key : "id";
    const result = await sql<{ id: string }>`
      update ${sql.table(table)} set ${sql.ref(column)} = ${target.id}
      where account_id = ${accountId} and ${sql.ref(column)} = ${source.id}
      returning ${sql.ref(key)} as id`.execute(trx);
    moved[`${table}.${column}`] = result.rows.length;
    movedIds[`${table}.${column}`] = result.rows.map((row) => row.id);
  }

  const filled: FilledField[] = FILLED_FIELDS.filter(
    (field) => isBlank(target[field]) && !isBlank(source[field]),
  );
  const notes = [target.notes, source.notes].filter((text) => !isBlank(text)).join("\n\n");
  const changed = [...filled, ...(isBlank(source.notes) ? [] : ["notes"])];

  const fills: Partial<Record<FilledField, string | null>> = {};
  for (const field of filled) fills[field] = source[field];
  const contact = await trx
    .updateTable("contacts")
    .set({ ...fills, notes: notes || null, updated_at: new Date() })
    .where("account_id", "=", accountId)
    .where("id", "=", target.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .deleteFrom("contacts")
    .where("account_id", "=", accountId)
    .where("id", "=", source.id)
    .execute();

  await recordEvent(trx, {
    accountId: accountId,
    name: "contact.merged",
    payload: { contactId: target.id, mergedContactId: source.id, changes: changed },
    actorUserId,
  });
  const { search: _search, ...snapshot } = source;
  await trx
    .insertInto("contact_merges")
    .values({
      account_id: accountId,
      target_id: target.id,
      source_id: source.id,
      source: JSON.stringify(snapshot),
      target_before: JSON.stringify(mergedFields(target)),
      target_after: JSON.stringify(mergedFields(contact)),
      moved: JSON.stringify({
        ...movedIds,
        "delay_recipients.dropped": dropped.rows,
        "idea_notices.dropped": droppedNotices.rows,
      }),
      reason: props.reason ?? null,
      merged_by: actorUserId,
    })
    .execute();
  await recordAudit(trx, {
    accountId: accountId,
    actorUserId,
    action: "contact.merge",
    subjectType: "contact",
    subjectId: target.id,
    data: {
      source: snapshot,
      filled,
      moved,
      ...(props.reason ? { reason: props.reason } : {}),
      identityIds: movedIds["identities.contact_id"] ?? [],
      conversationIds: movedIds["conversations.contact_id"] ?? [],
    },
  });
  return { contact, moved, filled: changed };
}
