import type { Kysely } from "kysely";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { IdentityKind } from "../../shared/enums.ts";
import type { InboundContact } from "../channels/provider.ts";
import type { DB, Identity } from "../db/schema.ts";
import { recordEvent } from "../events/outbox.ts";

export interface ResolvedContact {
  contactId: string;
  identity: Identity;
  created: boolean;
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
  const email = normaliseEmail(inbound.email);
  const phone = normalisePhone(inbound.phone);
  const known = await findIdentity(trx, accountId, inbound.identity.kind, inbound.identity.value);
  if (known) {
    const identity = await refreshIdentity(trx, known, inbound);
    return { contactId: known.contact_id, identity, created: false };
  }

  let contactId: string | undefined;
  if (inbound.identity.verified) {
    const claims: Array<[IdentityKind, string | null]> = [
      ["email", email],
      ["phone", phone],
    ];
    for (const [kind, value] of claims) {
      if (!value || contactId) continue;
      contactId = (await findIdentity(trx, accountId, kind, value))?.contact_id;
    }
  }

  let created = false;
  if (!contactId) {
    const contact = await trx
      .insertInto("contacts")
      .values({
        account_id: accountId,
        name: inbound.name ?? inbound.identity.displayName ?? null,
        email,
        phone,
        locale: inbound.locale ?? null,
        time_zone: inbound.timeZone ?? null,
        avatar_url: inbound.identity.avatarUrl ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    contactId = contact.id;
    created = true;
    await recordEvent(trx, { accountId, name: "contact.created", payload: { contactId } });
  }

  const identity = await trx
    .insertInto("identities")
    .values({
      account_id: accountId,
      contact_id: contactId,
      kind: inbound.identity.kind,
      value: inbound.identity.value,
      display_name: inbound.identity.displayName ?? null,
      handle: inbound.identity.handle ?? null,
      avatar_url: inbound.identity.avatarUrl ?? null,
      followers: inbound.identity.followers ?? null,
      verified: inbound.identity.verified ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

  if (inbound.identity.verified) {
    if (email) await addIdentityIfFree(trx, accountId, contactId, "email", email);
    if (phone) await addIdentityIfFree(trx, accountId, contactId, "phone", phone);
  }
  return { contactId, identity, created };
}

async function findIdentity(trx: Kysely<DB>, accountId: string, kind: IdentityKind, value: string) {
  return trx
    .selectFrom("identities")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("kind", "=", kind)
    .where("value", "=", value)
    .executeTakeFirst();
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

async function addIdentityIfFree(
  trx: Kysely<DB>,
  accountId: string,
  contactId: string,
  kind: IdentityKind,
  value: string,
) {
  await trx
    .insertInto("identities")
    .values({ account_id: accountId, contact_id: contactId, kind, value, verified: true })
    .onConflict((conflict) => conflict.columns(["account_id", "kind", "value"]).doNothing())
    .execute();
}
