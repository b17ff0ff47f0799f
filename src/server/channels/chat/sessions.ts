import { type Kysely, sql } from "kysely";
import { mergeContactInto } from "../../commands/contactMerger.ts";
import { contactResolver, normaliseEmail } from "../../commands/contactResolver.ts";
import { mintToken, parseToken } from "../../crypto/tokens.ts";
import type { Channel, ChatSession, DB } from "../../db/schema.ts";
import { unauthorized } from "../../errors.ts";
import type { InboundContact } from "../provider.ts";
import { claimIsVerified, type IdentityClaim, visitorIdentity } from "./identity.ts";

const TOKEN_PREFIX = "rcw";
/** A socket not heard from for this long is taken as gone (a crashed process cannot say so). */
export const PRESENCE_WINDOW_SECONDS = 60;

export interface OpenedSession {
  session: ChatSession;
  /** Returned only when the session is new: the widget keeps it in localStorage. */
  token: string | null;
}

/**
 * Restores the visitor's session from the token the widget kept, or opens a new one. A valid
 * signed claim makes a verified visitor (known by the site's user id, joined to the customer who
 * owns the email); anything else is an anonymous visitor whose email is only a hint.
 */
export async function openChatSession(
  db: Kysely<DB>,
  channel: Channel,
  secret: string,
  props: { token?: string | null; claim: IdentityClaim },
): Promise<OpenedSession> {
  const { claim } = props;
  const verified = claimIsVerified(secret, claim);
  const existing = props.token ? await findSession(db, channel, props.token) : undefined;
  // A verified claim for someone else (another user signed in on this browser) starts afresh.
  const reusable =
    existing &&
    (!verified || (existing.verified && existing.visitor_id === `user:${claim.userId}`));
  if (existing && reusable) {
    const email = verified ? null : normaliseEmail(claim.email);
    const session = await db
      .updateTable("chat_sessions")
      .set({
        last_seen_at: new Date(),
        locale: claim.locale ?? existing.locale,
        time_zone: claim.timeZone ?? existing.time_zone,
        email_hint: email ?? existing.email_hint,
      })
      .where("account_id", "=", existing.account_id)
      .where("id", "=", existing.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { session, token: null };
  }

  const inbound = visitorIdentity(secret, claim);
  const { token, hash } = mintToken(TOKEN_PREFIX, channel.account_id);
  const session = await db.transaction().execute(async (trx) => {
    const { kind, value } = inbound.identity;
    // An anonymous visitor who has not written is no customer yet: no contact until then.
    let contactId: string | null = null;
    if (verified) {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`${channel.account_id}:${kind}:${value}`}, 0))`.execute(
        trx,
      );
      contactId = (await contactResolver(trx, channel.account_id, inbound)).contactId;
      if (existing?.contact_id && !existing.verified) {
        await adoptAnonymousHistory(trx, channel.account_id, existing.contact_id, contactId);
      }
    }
    return trx
      .insertInto("chat_sessions")
      .values({
        account_id: channel.account_id,
        channel_id: channel.id,
        contact_id: contactId,
        visitor_id: value,
        token_hash: hash,
        verified,
        email_hint: verified ? null : normaliseEmail(claim.email),
        name_hint: verified ? null : claim.name?.trim() || null,
        locale: claim.locale ?? null,
        time_zone: claim.timeZone ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  return { session, token };
}

/** What the ingester needs to create or find the visitor's contact when they write. */
export function sessionContact(session: ChatSession): InboundContact {
  return {
    identity: {
      kind: "chat",
      value: session.visitor_id,
      displayName: session.name_hint,
      verified: session.verified,
    },
    name: session.name_hint,
    email: session.email_hint,
    locale: session.locale,
    timeZone: session.time_zone,
  };
}

/**
 * The visitor has just written, so the ingester has found or created their contact (by the
 * session's chat identity): the session takes it, here and in the database.
 */
export async function bindSessionContact(db: Kysely<DB>, session: ChatSession): Promise<void> {
  if (session.contact_id) return;
  const identity = await db
    .selectFrom("identities")
    .select("contact_id")
    .where("account_id", "=", session.account_id)
    .where("kind", "=", "chat")
    .where("value", "=", session.visitor_id)
    .executeTakeFirst();
  if (!identity) return;
  await db
    .updateTable("chat_sessions")
    .set({ contact_id: identity.contact_id })
    .where("account_id", "=", session.account_id)
    .where("id", "=", session.id)
    .where("contact_id", "is", null)
    .execute();
  session.contact_id = identity.contact_id;
}

/**
 * The anonymous visitor of this browser has just signed in on the site: what they said before
 * (conversations, the callback they asked for) joins their verified customer record, as they
 * would expect. Only a record that is still purely an anonymous widget visitor is merged — one
 * an agent has enriched with another identity stays apart, for an agent to decide.
 */
async function adoptAnonymousHistory(
  trx: Kysely<DB>,
  accountId: string,
  anonymousId: string,
  verifiedId: string,
) {
  if (anonymousId === verifiedId) return;
  const rows = await trx
    .selectFrom("contacts")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("id", "in", [anonymousId, verifiedId])
    .orderBy("id")
    .forUpdate()
    .execute();
  const anonymous = rows.find((row) => row.id === anonymousId);
  const known = rows.find((row) => row.id === verifiedId);
  if (!anonymous || !known) return;
  const identities = await trx
    .selectFrom("identities")
    .select(["kind", "value"])
    .where("account_id", "=", accountId)
    .where("contact_id", "=", anonymousId)
    .execute();
  const onlyAnonymous = identities.every(
    (identity) => identity.kind === "chat" && identity.value.startsWith("visitor:"),
  );
  if (!onlyAnonymous) return;
  await mergeContactInto(trx, {
    accountId,
    actorUserId: null,
    target: known,
    source: anonymous,
    reason: "chat visitor signed in on the site",
  });
}

export async function findSession(db: Kysely<DB>, channel: Channel, token: string) {
  const parsed = parseToken(TOKEN_PREFIX, token);
  if (!parsed || parsed.accountId !== channel.account_id) return undefined;
  return db
    .selectFrom("chat_sessions")
    .selectAll()
    .where("account_id", "=", parsed.accountId)
    .where("token_hash", "=", parsed.secretHash)
    .where("channel_id", "=", channel.id)
    .executeTakeFirst();
}

export async function requireSession(db: Kysely<DB>, channel: Channel, token: string | undefined) {
  const session = token ? await findSession(db, channel, token) : undefined;
  if (!session) throw unauthorized("Unknown or expired chat session; open a new one.");
  return session;
}

/** Counts the visitor's open sockets (any process) and refreshes their presence. */
export async function markConnection(db: Kysely<DB>, session: ChatSession, delta: 1 | -1 | 0) {
  await db
    .updateTable("chat_sessions")
    .set((eb) => ({
      connections: sql<number>`greatest(0, ${eb.ref("connections")} + ${delta})`,
      last_seen_at: new Date(),
    }))
    .where("account_id", "=", session.account_id)
    .where("id", "=", session.id)
    .execute();
}

/** Whether the visitor has the widget open right now, in any tab, on any server process. */
export async function visitorOnline(
  db: Kysely<DB>,
  accountId: string,
  contactId: string,
  channelId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("chat_sessions")
    .select("id")
    .where("account_id", "=", accountId)
    .where("contact_id", "=", contactId)
    .where("channel_id", "=", channelId)
    .where("connections", ">", 0)
    .where("last_seen_at", ">", new Date(Date.now() - PRESENCE_WINDOW_SECONDS * 1000))
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The visitor left an address for an answer by email: kept on the session and, when the contact
 * has none, on the contact, as an unverified hint; no identity is created, nothing is merged.
 */
export async function captureEmail(db: Kysely<DB>, session: ChatSession, rawEmail: string) {
  const email = normaliseEmail(rawEmail);
  if (!email) return null;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("chat_sessions")
      .set({ email_hint: email })
      .where("account_id", "=", session.account_id)
      .where("id", "=", session.id)
      .execute();
    if (!session.contact_id) return;
    await trx
      .updateTable("contacts")
      .set({ email, updated_at: new Date() })
      .where("account_id", "=", session.account_id)
      .where("id", "=", session.contact_id)
      .where("email", "is", null)
      .execute();
  });
  return email;
}

/** Where an offline answer may go: the latest address the visitor left, else the contact's. */
export async function offlineEmailFor(
  db: Kysely<DB>,
  accountId: string,
  contactId: string,
  channelId: string,
): Promise<string | null> {
  const session = await db
    .selectFrom("chat_sessions")
    .select("email_hint")
    .where("account_id", "=", accountId)
    .where("contact_id", "=", contactId)
    .where("channel_id", "=", channelId)
    .where("email_hint", "is not", null)
    .orderBy("last_seen_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (session?.email_hint) return session.email_hint;
  const contact = await db
    .selectFrom("contacts")
    .select("email")
    .where("account_id", "=", accountId)
    .where("id", "=", contactId)
    .executeTakeFirst();
  return contact?.email ?? null;
}
