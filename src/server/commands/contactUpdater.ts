import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { Contact, DB } from "../db/schema.ts";
import { updateOwned } from "../models/owned.ts";
import { changeRecorder } from "./changeRecorder.ts";

export interface ContactChanges {
  name?: string | null;
  notes?: string | null;
  locale?: string | null;
  timeZone?: string | null;
}

/** An agent corrects a contact's name, notes, language or time zone. */
export async function contactUpdater(
  db: Kysely<DB>,
  props: { actor: Actor; contactId: string; changes: ContactChanges },
): Promise<Contact> {
  const { actor, changes } = props;
  const changed = Object.keys(changes);
  return changeRecorder(db, {
    actor,
    action: "contact.update",
    subjectType: "contact",
    write: (trx) =>
      updateOwned(trx, "contacts", actor.accountId, props.contactId, {
        name: changes.name,
        notes: changes.notes,
        locale: changes.locale,
        time_zone: changes.timeZone,
        updated_at: new Date(),
      }),
    data: () => ({ changes: changed }),
    event: (contact) => ({
      name: "contact.updated",
      payload: { contactId: contact.id, changes: changed },
    }),
  });
}
