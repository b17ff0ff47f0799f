import type { Kysely, QueryCreator } from "kysely";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { IdentityKind } from "../../shared/enums.ts";
import type { InboundContact } from "../channels/provider.ts";
import type { DB, Identity } from "../db/schema.ts";
import { recordEvent } from "../events/outbox.ts";

export interface ResolvedContact {
  contactId: string;
  identity: Identity;
  created: boolean;
  /** Whether the contact is blocked, when the identity look-up read it (a known identity). */
  blocked?: boolean;
}

/** E.164 when the number can be read (a leading + or a default region), else null. */
export function normalisePhone(raw: string | null | undefined, region?: string): string | null {
  if (!raw) return null;
  const parsed = parsePhoneNumberFromString(raw, (region ?? "FR") as "FR");
  return parsed?.isValid() ? parsed.number : null;
}

export function normaliseEmail(raw: string | null | undefined): string | null {
  const email = raw?.trim().toLowerCase();
  return email && /^[^\s@]+@[^\s@]+$/.test(email) ? email : null;
}

/**
 * Finds the contact behind an inbound identity, or creates one. A known identity always wins;
 * otherwise a *verified* email or phone claim joins the existing customer who owns it, so one
 * customer keeps one timeline across channels. Unverified claims never attach to someone else.
 */
export async function contactResolver(
  trx: Kysely<DB>,
  accountId: string,
  inbound: InboundContact,
): Promise<ResolvedContact> {
  const resolved = await resolveContact(trx, accountId, inbound);
  if (resolved.created) {
    await recordEvent(trx, {
      accountId,
      name: "contact.created",
      payload: { contactId: resolved.contactId },
    });
  }
  return resolved;
}

/**
 * `contactResolver` without its `contact.created` event, for callers that write it together
 * with their own events: they must record it when `created` is true.
 *
 * Two round trips at most: one statement reads the identity and the email and phone it claims;
 * one writes the new identity with, where needed, the new contact and its verified email and
 * phone identities.
 */
export async function resolveContact(
  trx: Kysely<DB>,
  accountId: string,
  inbound: InboundContact,
): Promise<ResolvedContact> {
  const { kind, value } = inbound.identity;
  const claims = claimedIdentities(inbound);
  // One statement, one unique-index probe per identity (an OR would let the planner scan every
  // identity of the account).
  const found = await [{ kind, value }, ...claims]
    .map((identity) =>
      trx
        .selectFrom("identities")
        .selectAll()
        .select((eb) =>
          eb
            .selectFrom("contacts")
            .select("contacts.blocked_at")
            .whereRef("contacts.account_id", "=", "identities.account_id")
            .whereRef("contacts.id", "=", "identities.contact_id")
            .as("contact_blocked_at"),
        )
        .where("account_id", "=", accountId)
        .where("kind", "=", identity.kind)
        .where("value", "=", identity.value),
    )
    .reduce((all, next) => all.unionAll(next))
    .execute();
  const known = found.find((row) => row.kind === kind && row.value === value);
  if (known) {
    const { contact_blocked_at: blockedAt, ...row } = known;
    const identity = await refreshIdentity(trx, row, inbound);
    return { contactId: known.contact_id, identity, created: false, blocked: blockedAt !== null };
  }

  // A contact an agent chose wins; else the first claim (email, then phone) that belongs to
  // someone names the contact.
  const owner = inbound.contactId
    ? { contact_id: inbound.contactId }
    : claims
        .map((claim) => found.find((row) => row.kind === claim.kind && row.value === claim.value))
        .find((row) => row !== undefined);
  const contactId = owner?.contact_id ?? crypto.randomUUID();
  const identity = await newRows(trx, accountId, inbound, {
    contactId,
    newContact: !owner,
    claims,
  })
    .insertInto("identities")
    .values({
      account_id: accountId,
      contact_id: contactId,
      kind,
      value,
      display_name: inbound.identity.displayName ?? null,
      handle: inbound.identity.handle ?? null,
      avatar_url: inbound.identity.avatarUrl ?? null,
      followers: inbound.identity.followers ?? null,
      verified: inbound.identity.verified ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { contactId, identity, created: !owner };
}

/**
 * The email and phone a verified identity claims, other than itself. Unverified identities
 * claim nothing.
 */
function claimedIdentities(inbound: InboundContact): Array<{ kind: IdentityKind; value: string }> {
  if (!inbound.identity.verified) return [];
  const claims: Array<{ kind: IdentityKind; value: string | null }> = [
    { kind: "email", value: normaliseEmail(inbound.email) },
    { kind: "phone", value: normalisePhone(inbound.phone) },
  ];
  return claims.filter(
    (claim): claim is { kind: IdentityKind; value: string } =>
      claim.value !== null &&
      !(claim.kind === inbound.identity.kind && claim.value === inbound.identity.value),
  );
}

/**
 * What is written with a new identity, in the same statement (data-modifying CTEs): the new
 * contact, and the claimed email and phone identities that nobody owns yet.
 */
function newRows(
  trx: Kysely<DB>,
  accountId: string,
  inbound: InboundContact,
  props: {
    contactId: string;
    newContact: boolean;
    claims: ReadonlyArray<{ kind: IdentityKind; value: string }>;
  },
): QueryCreator<DB> {
  // The statement never reads these CTEs by name: each only has to run.
  let creator: QueryCreator<DB> = trx;
  if (props.newContact) {
    creator = creator.with("new_contact", (db) =>
      db
        .insertInto("contacts")
        .values({
          account_id: accountId,
          id: props.contactId,
          name: inbound.name ?? inbound.identity.displayName ?? null,
          email: normaliseEmail(inbound.email),
          phone: normalisePhone(inbound.phone),
          locale: inbound.locale ?? null,
          time_zone: inbound.timeZone ?? null,
          avatar_url: inbound.identity.avatarUrl ?? null,
        })
        .returning("id"),
    ) as unknown as QueryCreator<DB>;
  }
  if (props.claims.length > 0) {
    creator = creator.with("claimed_identities", (db) =>
      db
        .insertInto("identities")
        .values(
          props.claims.map((claim) => ({
            account_id: accountId,
            contact_id: props.contactId,
            kind: claim.kind,
            value: claim.value,
            verified: true,
          })),
        )
        .onConflict((conflict) => conflict.columns(["account_id", "kind", "value"]).doNothing())
        .returning("id"),
    ) as unknown as QueryCreator<DB>;
  }
  return creator;
}

async function refreshIdentity(trx: Kysely<DB>, known: Identity, inbound: InboundContact) {
  const next = inbound.identity;
  const changed =
    (next.displayName && next.displayName !== known.display_name) ||
    (next.handle && next.handle !== known.handle) ||
    (next.avatarUrl && next.avatarUrl !== known.avatar_url) ||
    (next.followers != null && next.followers !== known.followers);
  if (!changed) return known;
  return trx
    .updateTable("identities")
    .set({
      display_name: next.displayName ?? known.display_name,
      handle: next.handle ?? known.handle,
      avatar_url: next.avatarUrl ?? known.avatar_url,
      followers: next.followers ?? known.followers,
    })
    .where("account_id", "=", known.account_id)
    .where("id", "=", known.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
