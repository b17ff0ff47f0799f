import type { TContactListItem } from "../../shared/contacts.ts";
import type { TContact, TIdentity } from "../../shared/schemas.ts";
import type { Contact, Identity } from "../db/schema.ts";
import type { ContactListRow } from "../models/contacts.ts";
import { iso } from "./dates.ts";

export function presentIdentity(row: Identity): TIdentity {
  return {
    id: row.id,
    kind: row.kind,
    value: row.value,
    displayName: row.display_name,
    handle: row.handle,
    avatarUrl: row.avatar_url,
    followers: row.followers,
    verified: row.verified,
  };
}

export function presentContact(row: Contact, identities: Identity[]): TContact {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    avatarUrl: row.avatar_url,
    locale: row.locale,
    timeZone: row.time_zone,
    notes: row.notes,
    createdAt: iso(row.created_at),
    identities: identities.map(presentIdentity),
    blockedAt: row.blocked_at ? iso(row.blocked_at) : null,
  };
}

/** A row of the contacts list: the contact, how many conversations, and their latest activity. */
export function presentContactListItem(
  row: ContactListRow,
  identities: Identity[],
): TContactListItem {
  const { conversation_count, last_activity_at, ...contact } = row;
  return {
    ...presentContact(
      contact,
      identities.filter((identity) => identity.contact_id === row.id),
    ),
    conversationCount: Number(conversation_count ?? 0),
    lastActivityAt: last_activity_at ? iso(last_activity_at) : null,
  };
}
