import { type Kysely, sql } from "kysely";
import type { DuplicateEvidenceKind } from "../../shared/customers.ts";
import type { Contact, DB } from "../db/schema.ts";

export interface DuplicateEvidence {
  kind: DuplicateEvidenceKind;
  detail: string;
}

export interface DuplicateCandidate {
  contactId: string;
  score: number;
  evidence: DuplicateEvidence[];
}

/** How much each kind of evidence says, alone (similarity scales the fuzzy ones). */
const WEIGHTS: Record<DuplicateEvidenceKind, number> = {
  same_email: 0.9,
  same_phone: 0.9,
  email_in_message: 0.7,
  phone_in_message: 0.7,
  same_order: 0.6,
  similar_name: 0.5,
  similar_handle: 0.5,
};
/** Below this trigram similarity, names and handles are not offered as evidence. */
export const SIMILARITY = 0.5;
const MAX_PER_KIND = 20;
const MAX_CANDIDATES = 20;

interface Found {
  contact_id: string;
  detail: string;
  similarity?: number;
}

/**
 * Other contacts of the account that may be the same person as `contact`, best first, each with
 * its evidence. Every kind is one query served by an index (identity value, contact email/phone,
 * the trigram indexes on names and handles, mentions by value, orders by number); pairs an agent
 * said are different people are left out.
 */
export async function findDuplicateCandidates(
  db: Kysely<DB>,
  contact: Contact,
): Promise<DuplicateCandidate[]> {
  const accountId = contact.account_id;
  const identities = await db
    .selectFrom("identities")
    .select(["kind", "value", "handle"])
    .where("account_id", "=", accountId)
    .where("contact_id", "=", contact.id)
    .execute();
  const emails = unique([
    contact.email,
    ...identities.filter((i) => i.kind === "email").map((i) => i.value),
  ]);
  const phones = unique([
    contact.phone,
    ...identities.filter((i) => i.kind === "phone").map((i) => i.value),
  ]);
  const handles = unique(identities.map((i) => i.handle));

  const found: ReadonlyArray<readonly [DuplicateEvidenceKind, Found[]]> = await Promise.all([
    sameValue(db, contact, "email", emails).then((rows) => ["same_email", rows] as const),
    sameValue(db, contact, "phone", phones).then((rows) => ["same_phone", rows] as const),
    similarNames(db, contact).then((rows) => ["similar_name", rows] as const),
    similarHandles(db, contact, handles).then((rows) => ["similar_handle", rows] as const),
    mentioned(db, contact, "email", emails).then((rows) => ["email_in_message", rows] as const),
    mentioned(db, contact, "phone", phones).then((rows) => ["phone_in_message", rows] as const),
    sameOrder(db, contact).then((rows) => ["same_order", rows] as const),
  ]);
  const dismissed = await dismissedWith(db, contact);

  const byContact = new Map<string, { miss: number; evidence: DuplicateEvidence[] }>();
  for (const [kind, rows] of found) {
    for (const row of rows) {
      if (row.contact_id === contact.id || dismissed.has(row.contact_id)) continue;
      const entry = byContact.get(row.contact_id) ?? { miss: 1, evidence: [] };
      if (entry.evidence.some((e) => e.kind === kind && e.detail === row.detail)) continue;
      entry.miss *= 1 - WEIGHTS[kind] * (row.similarity ?? 1);
      entry.evidence.push({ kind, detail: row.detail });
      byContact.set(row.contact_id, entry);
    }
  }
  return [...byContact.entries()]
    .map(([contactId, entry]) => ({
      contactId,
      score: Math.round((1 - entry.miss) * 100) / 100,
      evidence: entry.evidence,
    }))
    .sort((a, b) => b.score - a.score || a.contactId.localeCompare(b.contactId))
    .slice(0, MAX_CANDIDATES);
}

function unique(values: ReadonlyArray<string | null | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === "string" && v.trim() !== ""))];
}

/** Another contact holding the same email or phone, as an identity or in its own field. */
async function sameValue(
  db: Kysely<DB>,
  contact: Contact,
  kind: "email" | "phone",
  values: string[],
): Promise<Found[]> {
  if (values.length === 0) return [];
  const { rows } = await sql<Found>`
    select i.contact_id, i.value as detail from identities i
    where i.account_id = ${contact.account_id} and i.kind = ${kind}
      and i.value = any(${values}::text[]) and i.contact_id <> ${contact.id}
    union
    select c.id as contact_id, ${sql.ref(`c.${kind}`)} as detail from contacts c
    where c.account_id = ${contact.account_id} and ${sql.ref(`c.${kind}`)} = any(${values}::text[])
      and c.id <> ${contact.id} and c.merged_into_id is null
    limit ${MAX_PER_KIND}`.execute(db);
  return rows;
}

/** Names alike once lower-cased and without accents (trigram index `contacts_name_trgm`). */
export function similarNamesQuery(db: Kysely<DB>, contact: Contact) {
  return sql<Found>`
    select c.id as contact_id, c.name as detail,
      similarity(lower(relais_unaccent(c.name)), lower(relais_unaccent(${contact.name}))) as similarity
    from contacts c
    where c.account_id = ${contact.account_id} and c.id <> ${contact.id}
      and c.name is not null and c.merged_into_id is null
      and lower(relais_unaccent(c.name)) % lower(relais_unaccent(${contact.name}))
    order by similarity desc
    limit ${MAX_PER_KIND}`.compile(db);
}

async function similarNames(db: Kysely<DB>, contact: Contact): Promise<Found[]> {
  if (!contact.name || contact.name.trim().length < 3) return [];
  const { rows } = await db.executeQuery(similarNamesQuery(db, contact));
  return rows.filter((row) => Number(row.similarity) >= SIMILARITY);
}

/** Handles alike without punctuation, on any network (trigram index `identities_handle_trgm`). */
async function similarHandles(
  db: Kysely<DB>,
  contact: Contact,
  handles: string[],
): Promise<Found[]> {
  const results = await Promise.all(
    handles.map(async (handle) => {
      const { rows } = await sql<Found>`
        select i.contact_id, '@' || ${handle} || ' ≈ @' || i.handle || ' (' || i.kind || ')' as detail,
          similarity(regexp_replace(lower(i.handle), '[^a-z0-9]', '', 'g'),
            regexp_replace(lower(${handle}), '[^a-z0-9]', '', 'g')) as similarity
        from identities i
        where i.account_id = ${contact.account_id} and i.contact_id <> ${contact.id}
          and i.handle is not null
          and regexp_replace(lower(i.handle), '[^a-z0-9]', '', 'g')
            % regexp_replace(lower(${handle}), '[^a-z0-9]', '', 'g')
        limit ${MAX_PER_KIND}`.execute(db);
      return rows.filter((row) => Number(row.similarity) >= SIMILARITY);
    }),
  );
  return results.flat();
}

/**
 * An address or number one of them wrote in a message that belongs to the other: mentions by
 * others of this contact's values, and this contact's mentions of others' values.
 */
async function mentioned(
  db: Kysely<DB>,
  contact: Contact,
  kind: "email" | "phone",
  values: string[],
): Promise<Found[]> {
  const { rows } = await sql<Found>`
    (select m.contact_id, m.value as detail from contact_mentions m
     where m.account_id = ${contact.account_id} and m.kind = ${kind}
       and m.value = any(${values}::text[]) and m.contact_id <> ${contact.id}
     limit ${MAX_PER_KIND})
    union
    (select i.contact_id, m.value as detail from contact_mentions m
     join identities i on i.account_id = m.account_id and i.kind = m.kind and i.value = m.value
     where m.account_id = ${contact.account_id} and m.contact_id = ${contact.id} and m.kind = ${kind}
       and i.contact_id <> ${contact.id}
     limit ${MAX_PER_KIND})`.execute(db);
  return rows;
}

/** An order number one wrote that the other placed (or both wrote). */
async function sameOrder(db: Kysely<DB>, contact: Contact): Promise<Found[]> {
  const { rows } = await sql<Found>`
    (select o.contact_id, o.number as detail from contact_mentions m
     join orders o on o.account_id = m.account_id and o.number = m.value
     where m.account_id = ${contact.account_id} and m.contact_id = ${contact.id}
       and m.kind = 'order' and o.contact_id <> ${contact.id}
     limit ${MAX_PER_KIND})
    union
    (select m.contact_id, o.number as detail from orders o
     join contact_mentions m on m.account_id = o.account_id and m.kind = 'order' and m.value = o.number
     where o.account_id = ${contact.account_id} and o.contact_id = ${contact.id}
       and m.contact_id <> ${contact.id}
     limit ${MAX_PER_KIND})
    union
    (select other.contact_id, mine.value as detail from contact_mentions mine
     join contact_mentions other on other.account_id = mine.account_id and other.kind = 'order'
       and other.value = mine.value and other.contact_id <> mine.contact_id
     where mine.account_id = ${contact.account_id} and mine.contact_id = ${contact.id}
       and mine.kind = 'order'
     limit ${MAX_PER_KIND})`.execute(db);
  return rows;
}

async function dismissedWith(db: Kysely<DB>, contact: Contact): Promise<Set<string>> {
  const rows = await db
    .selectFrom("contact_pair_dismissals")
    .select(["contact_a", "contact_b"])
    .where("account_id", "=", contact.account_id)
    .where((eb) => eb.or([eb("contact_a", "=", contact.id), eb("contact_b", "=", contact.id)]))
    .execute();
  return new Set(rows.map((row) => (row.contact_a === contact.id ? row.contact_b : row.contact_a)));
}

/** The pair in the order it is stored (smaller id first). */
export function orderedPair(one: string, other: string): [string, string] {
  return one < other ? [one, other] : [other, one];
}
