import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { Contact, DB } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { changeRecorder } from "./changeRecorder.ts";

/**
 * Blocks or unblocks a contact in the caller's transaction. Blocking again keeps the first
 * date. Their messages are still stored, quietly (see quietInbound.ts).
 */
export async function setContactBlocked(
  trx: Kysely<DB>,
  accountId: string,
  contactId: string,
  blocked: boolean,
): Promise<Contact> {
  const row = await trx
    .updateTable("contacts")
    .set((eb) => ({
      blocked_at: blocked ? eb.fn.coalesce("blocked_at", eb.val(new Date())) : null,
      updated_at: new Date(),
    }))
    .where("account_id", "=", accountId)
    .where("id", "=", contactId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound("Contact");
  return row;
}

/**
 * Blocks a contact (their messages are stored but open no conversation, notify nobody and get
 * no automatic reply) or unblocks them, with its event and audit entry. The caller has
 * authorized the actor.
 */
export async function contactBlocker(
  db: Kysely<DB>,
  props: { actor: Actor; contactId: string; blocked: boolean },
): Promise<Contact> {
  const { actor, contactId, blocked } = props;
  return changeRecorder(db, {
    actor,
    action: blocked ? "contact.block" : "contact.unblock",
    subjectType: "contact",
    write: (trx) => setContactBlocked(trx, actor.accountId, contactId, blocked),
    event: (row) => ({
      name: "contact.updated",
      payload: { contactId: row.id, changes: ["blocked"] },
    }),
  });
}
