import { type Kysely, sql } from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { ContactMerge } from "../db/schema/customers.ts";
import type { Contact, DB } from "../db/schema.ts";
import { conflict, notFound } from "../errors.ts";
import { recordAudit, recordEvents } from "../events/outbox.ts";
import { CONTACT_REFERENCES, MERGED_FIELDS, type MergedField } from "./contactMerger.ts";

export interface ContactMergeUndoProps {
  actor: Actor;
  mergeId: string;
}

export interface ContactMergeUndoResult {
  /** The absorbed contact, back with its own id and fields. */
  restored: Contact;
  /** The survivor, its merged fields put back unless an agent edited them since. */
  survivor: Contact;
  /** The survivor's fields an agent edited after the merge: their edit stays. */
  keptFields: MergedField[];
  /** Rows sent back, per `table.column` (what arrived after the merge counts too). */
  returned: Record<string, number>;
}

/**
 * Undoes a merge exactly, in one transaction: the absorbed contact comes back with its own id
 * and fields; every row the merge moved (identities, conversations, messages, chat sessions,
 * callbacks, orders, resolutions, delay recipients, mentions) goes back to it, and so does what
 * arrived after the merge through an identity that goes back (its messages, the conversations
 * they opened and what hangs on those). The survivor's fields return to what they were before the
 * merge unless an agent edited them since. Writes `contact.unmerged` and an audit entry on both
 * contacts. Undone once: a second undo is refused (409); merging again redoes it.
 */
export async function contactMergeUndoer(
  db: Kysely<DB>,
  props: ContactMergeUndoProps,
): Promise<ContactMergeUndoResult> {
  const { actor, mergeId } = props;
  const accountId = actor.accountId;
  return db.transaction().execute(async (trx) => {
    const merge = await trx
      .selectFrom("contact_merges")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("id", "=", mergeId)
      .forUpdate()
      .executeTakeFirst();
    if (!merge) throw notFound("Merge");
    if (merge.undone_at) throw conflict("merge_already_undone", "This merge was already undone.");
    const survivor = await trx
      .selectFrom("contacts")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("id", "=", merge.target_id)
      .forUpdate()
      .executeTakeFirst();
    if (!survivor) {
      throw conflict(
        "merge_target_gone",
        "The contact this merge went into was itself merged since: undo that merge first.",
      );
    }
    const restored = await restoreSource(trx, merge);
    const returned = await returnMoved(trx, merge);
    Object.assign(returned, await returnArrivals(trx, merge));
    const { contact, keptFields } = await restoreSurvivor(trx, merge, survivor);

    await trx
      .updateTable("contact_merges")
      .set({ undone_at: new Date(), undone_by: actor.userId })
      .where("account_id", "=", accountId)
      .where("id", "=", merge.id)
      .execute();
    const payload = { contactId: survivor.id, mergedContactId: restored.id, changes: keptFields };
    await recordEvents(trx, [
      { accountId, name: "contact.created", payload: { contactId: restored.id } },
      { accountId, name: "contact.unmerged", payload, actorUserId: actor.userId },
    ]);
    const data = {
      mergeId: merge.id,
      sourceId: restored.id,
      sourceName: restored.name,
      keptFields,
      returned,
    };
    for (const subjectId of [survivor.id, restored.id]) {
      await recordAudit(trx, {
        accountId,
        actorUserId: actor.userId,
        action: "contact.unmerge",
        subjectType: "contact",
        subjectId,
        data: { ...data, targetId: survivor.id },
      });
    }
    return { restored, survivor: contact, keptFields, returned };
  });
}

async function restoreSource(trx: Kysely<DB>, merge: ContactMerge): Promise<Contact> {
  const source = merge.source as Record<string, unknown>;
  const text = (key: string) => (typeof source[key] === "string" ? (source[key] as string) : null);
  const exists = await trx
    .selectFrom("contacts")
    .select("id")
    .where("account_id", "=", merge.account_id)
    .where("id", "=", merge.source_id)
    .executeTakeFirst();
  if (exists) throw conflict("merge_source_exists", "The merged contact already exists again.");
  return trx
    .insertInto("contacts")
    .values({
      account_id: merge.account_id,
      id: merge.source_id,
      name: text("name"),
      email: text("email"),
      phone: text("phone"),
      locale: text("locale"),
      time_zone: text("time_zone"),
      avatar_url: text("avatar_url"),
      notes: text("notes"),
      merged_into_id: text("merged_into_id"),
      created_at: new Date(text("created_at") ?? Date.now()),
      updated_at: new Date(text("updated_at") ?? Date.now()),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Every row the merge moved goes back, found by the keys the merge recorded. */
async function returnMoved(trx: Kysely<DB>, merge: ContactMerge) {
  const returned: Record<string, number> = {};
  const moved = merge.moved;
  for (const reference of CONTACT_REFERENCES) {
    const { table, column } = reference;
    const key = "key" in reference ? reference.key : "id";
    const ids = (moved[`${table}.${column}`] ?? []).filter(
      (id): id is string => typeof id === "string",
    );
    if (ids.length === 0) continue;
    const result = await sql`
      update ${sql.table(table)} set ${sql.ref(column)} = ${merge.source_id}
      where account_id = ${merge.account_id} and ${sql.ref(column)} = ${merge.target_id}
        and ${sql.ref(key)} = any(${ids}::uuid[])`.execute(trx);
    returned[`${table}.${column}`] = Number(result.numAffectedRows ?? 0);
  }
  const dropped = (moved["delay_recipients.dropped"] ?? []) as Array<Record<string, unknown>>;
  for (const row of dropped) {
    await sql`
      insert into delay_recipients
        (account_id, delay_id, contact_id, conversation_id, message_id, order_numbers, created_at)
      values (${merge.account_id}, ${row.delay_id}, ${merge.source_id}, ${row.conversation_id},
        ${row.message_id}, ${JSON.stringify(row.order_numbers ?? [])}::jsonb, ${row.created_at})
      on conflict do nothing`.execute(trx);
  }
  const notices = (moved["idea_notices.dropped"] ?? []) as Array<Record<string, unknown>>;
  for (const row of notices) {
    await sql`
      insert into idea_notices (account_id, id, idea_id, contact_id, status, conversation_id,
        message_id, channel_id, language, skipped_reason, created_at)
      values (${merge.account_id}, ${row.id}, ${row.idea_id}, ${merge.source_id}, ${row.status},
        ${row.conversation_id}, ${row.message_id}, ${row.channel_id}, ${row.language},
        ${row.skipped_reason}, ${row.created_at})
      on conflict do nothing`.execute(trx);
  }
  return returned;
}

/**
 * What reached the survivor after the merge through an identity that goes back: its messages,
 * the conversations such a message opened (and the callbacks, resolutions and mentions of those
 * conversations), the chat sessions of its visitor, the orders matched by its email or phone.
 */
async function returnArrivals(trx: Kysely<DB>, merge: ContactMerge) {
  const identityIds = (merge.moved["identities.contact_id"] ?? []).filter(
    (id): id is string => typeof id === "string",
  );
  if (identityIds.length === 0) return {};
  const { account_id: accountId, source_id: sourceId, target_id: targetId } = merge;
  const messages = await sql`
    update messages set author_contact_id = ${sourceId}
    where account_id = ${accountId} and author_contact_id = ${targetId}
      and identity_id = any(${identityIds}::uuid[])`.execute(trx);
  const conversations = await sql<{ id: string }>`
    update conversations c set contact_id = ${sourceId}
    where c.account_id = ${accountId} and c.contact_id = ${targetId}
      and c.created_at >= ${merge.merged_at}
      and (select m.identity_id from messages m
           where m.account_id = c.account_id and m.conversation_id = c.id and m.direction = 'in'
           order by m.created_at, m.id limit 1) = any(${identityIds}::uuid[])
    returning c.id`.execute(trx);
  // A chat session opened since by a visitor whose chat identity goes back; an order imported
  // since for an email or phone that goes back.
  const chatSessions = await sql`
    update chat_sessions s set contact_id = ${sourceId}
    where s.account_id = ${accountId} and s.contact_id = ${targetId}
      and exists (select 1 from identities i
        where i.account_id = s.account_id and i.id = any(${identityIds}::uuid[])
          and i.kind = 'chat' and i.value = s.visitor_id)`.execute(trx);
  const orders = await sql`
    update orders set contact_id = ${sourceId}
    where account_id = ${accountId} and contact_id = ${targetId}
      and identity_id = any(${identityIds}::uuid[])`.execute(trx);
  const returned: Record<string, number> = {
    "messages.arrived": Number(messages.numAffectedRows ?? 0),
    "conversations.arrived": conversations.rows.length,
    "chat_sessions.arrived": Number(chatSessions.numAffectedRows ?? 0),
    "orders.arrived": Number(orders.numAffectedRows ?? 0),
  };
  const conversationIds = conversations.rows.map((row) => row.id);
  if (conversationIds.length === 0) return returned;
  for (const table of ["callbacks", "resolutions", "contact_mentions"] as const) {
    const result = await sql`
      update ${sql.table(table)} set contact_id = ${sourceId}
      where account_id = ${accountId} and contact_id = ${targetId}
        and conversation_id = any(${conversationIds}::uuid[])`.execute(trx);
    returned[`${table}.arrived`] = Number(result.numAffectedRows ?? 0);
  }
  return returned;
}

/** The survivor's merged fields go back to their value before the merge, unless edited since. */
async function restoreSurvivor(trx: Kysely<DB>, merge: ContactMerge, survivor: Contact) {
  const before = merge.target_before;
  const after = merge.target_after;
  const keptFields: MergedField[] = [];
  const changes: Partial<Record<MergedField, string | null>> = {};
  for (const field of MERGED_FIELDS) {
    const was = before[field] ?? null;
    const became = after[field] ?? null;
    if (was === became) continue;
    if (survivor[field] !== became) keptFields.push(field);
    else changes[field] = was;
  }
  if (Object.keys(changes).length === 0) return { contact: survivor, keptFields };
  const contact = await trx
    .updateTable("contacts")
    .set({ ...changes, updated_at: new Date() })
    .where("account_id", "=", merge.account_id)
    .where("id", "=", survivor.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { contact, keptFields };
}
