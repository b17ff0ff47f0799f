import { randomUUID } from "node:crypto";
import type { ChannelKind, IdentityKind } from "../../../../shared/enums.ts";
import { FIRST_NAMES, LAST_NAMES, type Language } from "./corpus.ts";
import type { Random } from "./random.ts";

/** A generated customer, kept in memory while the run lasts so that customers come back. */
export interface ScaleContact {
  id: string;
  serial: number;
  firstName: string;
  lastName: string;
  language: Language;
  identities: Map<IdentityKind, string>;
}

export interface ContactRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  locale: Language;
  time_zone: string;
  created_at: string;
}

export interface IdentityRow {
  id: string;
  contact_id: string;
  kind: IdentityKind;
  value: string;
  display_name: string;
  handle: string | null;
  followers: number | null;
  verified: boolean;
  created_at: string;
}

export function identityKindOf(kind: ChannelKind): IdentityKind {
  return kind === "x" ? "twitter" : kind;
}

function plain(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

function phoneOf(contact: ScaleContact): string {
  return contact.language === "fr"
    ? `+336${String(10_000_000 + contact.serial).slice(-8)}`
    : `+447${String(100_000_000 + contact.serial).slice(-9)}`;
}

/** A value unique in the account for each kind, shaped like the provider's own identifiers. */
function identityValue(
  contact: ScaleContact,
  kind: IdentityKind,
): { value: string; handle: string | null } {
  const first = plain(contact.firstName);
  const last = plain(contact.lastName);
  const serial = contact.serial;
  switch (kind) {
    case "email":
      return {
        value: `${first}.${last}.${serial}@example.${contact.language === "fr" ? "fr" : "com"}`,
        handle: null,
      };
    case "phone":
      return { value: phoneOf(contact), handle: null };
    case "whatsapp":
      return { value: phoneOf(contact).slice(1), handle: null };
    case "twitter":
      return {
        value: String(1_400_000_000_000_000_000n + BigInt(serial)),
        handle: `${first}_${last}${serial}`,
      };
    case "facebook":
    case "instagram":
      return { value: String(7_000_000_000_000_000 + serial * 7), handle: null };
    case "mastodon":
      return {
        value: `${first}${serial}@mastodon.social`,
        handle: `${first}${serial}@mastodon.social`,
      };
    case "bluesky":
      return {
        value: `did:plc:scale${serial.toString(36).padStart(8, "0")}`,
        handle: `${first}${serial}.bsky.social`,
      };
    case "chat":
      return { value: `visitor-${serial}`, handle: null };
    case "api":
      return { value: `customer-${serial}`, handle: null };
  }
}

export function newContact(random: Random, serial: number, language: Language): ScaleContact {
  return {
    id: randomUUID(),
    serial,
    firstName: random.pick(FIRST_NAMES[language]),
    lastName: random.pick(LAST_NAMES[language]),
    language,
    identities: new Map(),
  };
}

export function contactRow(random: Random, contact: ScaleContact, at: string): ContactRow {
  const timeZone =
    contact.language === "fr"
      ? "Europe/Paris"
      : random.pick(["Europe/London", "America/New_York", "America/Toronto", "Europe/Dublin"]);
  return {
    id: contact.id,
    name: `${contact.firstName} ${contact.lastName}`,
    email: null,
    phone: null,
    locale: contact.language,
    time_zone: timeZone,
    created_at: at,
  };
}

/** The contact's identity of this kind, created (and returned as a row) the first time. */
export function ensureIdentity(
  random: Random,
  contact: ScaleContact,
  kind: IdentityKind,
  at: string,
  rows: IdentityRow[],
): string {
  const known = contact.identities.get(kind);
  if (known) return known;
  const id = randomUUID();
  const { value, handle } = identityValue(contact, kind);
  contact.identities.set(kind, id);
  rows.push({
    id,
    contact_id: contact.id,
    kind,
    value,
    display_name: `${contact.firstName} ${contact.lastName}`,
    handle,
    followers: handle ? Math.round(random.exponential(400)) : null,
    verified: kind === "email" && random.chance(0.3),
    created_at: at,
  });
  return id;
}

/** Email and phone shown on the contact, as the identities give them. */
export function contactDetails(contact: ScaleContact): {
  email: string | null;
  phone: string | null;
} {
  return {
    email: contact.identities.has("email") ? identityValue(contact, "email").value : null,
    phone: contact.identities.has("phone") ? phoneOf(contact) : null,
  };
}
