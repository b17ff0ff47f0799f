import type { Kysely } from "kysely";
import type { IdentityKind } from "../../../shared/enums.ts";
import { providerFor } from "../../channels/registry.ts";
import { findChannel, resolveChannel } from "../../channels/resolve.ts";
import type { DB, Identity } from "../../db/schema.ts";
import { recordEvent } from "../../events/outbox.ts";
import type { Services } from "../../services.ts";
import type { Processor } from "../processor.ts";

/** At most this many nameless identities of one contact are looked up for one event. */
const MAX_LOOKUPS = 3;

interface Lookup {
  channelId: string;
  identities: Identity[];
}

interface Profile {
  displayName?: string | null;
  handle?: string | null;
  avatarUrl?: string | null;
}

/**
 * Names the customers whose events carry only an id (Messenger's PSID, Instagram's IGSID): the
 * channel's provider is asked for the profile (`describeIdentity`) and the identity — and the
 * contact, where it has no name or picture yet — gets the name, handle and avatar it gives.
 *
 * A new contact is looked up once (`contact.created`). A later inbound message triggers a lookup
 * only when its author's identity is still nameless and the message opens that author's part of
 * a conversation, so a customer whose profile Meta will not give is asked for once per
 * conversation, never once per message. An identity that has a name is never looked up again.
 */
export const identityProfilesProcessor: Processor = {
  name: "identity-profiles",
  events: ["contact.created", "message.created"],
  retryLimit: 4,
  async handle(services, event) {
    const { contactId, messageId } = event.payload;
    let lookup: Lookup | null = null;
    if (event.name === "contact.created" && typeof contactId === "string") {
      lookup = await forNewContact(services.db, event.accountId, contactId);
    } else if (event.name === "message.created" && typeof messageId === "string") {
      lookup = await forInboundMessage(services.db, event.accountId, messageId);
    }
    if (lookup) await describeIdentities(services, event.accountId, lookup);
  },
};

/** The channel of the new contact's first message, and its nameless identities on it. */
async function forNewContact(
  db: Kysely<DB>,
  accountId: string,
  contactId: string,
): Promise<Lookup | null> {
  const first = await firstInboundMessage(db, accountId, contactId);
  if (!first?.channel_id) return null;
  const channel = await findChannel(db, accountId, first.channel_id);
  if (!channel || channel.disabled_at) return null;
  const provider = providerFor(channel.kind);
  if (!provider.describeIdentity) return null;
  const identities = await namelessIdentities(db, accountId, contactId, provider.identityKind);
  return identities.length ? { channelId: channel.id, identities } : null;
}

async function forInboundMessage(
  db: Kysely<DB>,
  accountId: string,
  messageId: string,
): Promise<Lookup | null> {
  // Cheap checks first: an inbound message from a contact, on a provider that can describe
  // people, whose author still has a nameless identity of that provider's kind.
  const message = await db
    .selectFrom("messages as m")
    .innerJoin("channels as ch", (join) =>
      join.onRef("ch.account_id", "=", "m.account_id").onRef("ch.id", "=", "m.channel_id"),
    )
    .where("m.account_id", "=", accountId)
    .where("m.id", "=", messageId)
    .where("m.direction", "=", "in")
    .where("ch.disabled_at", "is", null)
    .select([
      "m.id",
      "m.conversation_id",
      "m.author_contact_id",
      "m.created_at",
      "ch.id as channel_id",
    ])
    .select("ch.kind")
    .executeTakeFirst();
  const contactId = message?.author_contact_id;
  if (!message || !contactId) return null;
  const provider = providerFor(message.kind);
  if (!provider.describeIdentity) return null;
  const identities = await namelessIdentities(db, accountId, contactId, provider.identityKind);
  if (identities.length === 0) return null;

  // Once per conversation: only the author's first message in it asks.
  const earlier = await db
    .selectFrom("messages")
    .select("id")
    .where("account_id", "=", accountId)
    .where("conversation_id", "=", message.conversation_id)
    .where("direction", "=", "in")
    .where("author_contact_id", "=", contactId)
    .where((eb) =>
      eb.or([
        eb("created_at", "<", message.created_at),
        eb.and([eb("created_at", "=", message.created_at), eb("id", "<", message.id)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  if (earlier) return null;

  // A contact created by this very message is looked up by its `contact.created` event.
  const contact = await db
    .selectFrom("contacts")
    .select("created_at")
    .where("account_id", "=", accountId)
    .where("id", "=", contactId)
    .executeTakeFirst();
  const createdWithContact = identities.some(
    (identity) => identity.created_at.getTime() === contact?.created_at.getTime(),
  );
  if (createdWithContact) {
    const first = await firstInboundMessage(db, accountId, contactId);
    if (first?.id === message.id) return null;
  }
  return { channelId: message.channel_id, identities };
}

async function firstInboundMessage(db: Kysely<DB>, accountId: string, contactId: string) {
  return db
    .selectFrom("messages")
    .select(["id", "channel_id"])
    .where("account_id", "=", accountId)
    .where("author_contact_id", "=", contactId)
    .where("direction", "=", "in")
    .orderBy("created_at", "asc")
    .orderBy("id", "asc")
    .limit(1)
    .executeTakeFirst();
}

async function namelessIdentities(
  db: Kysely<DB>,
  accountId: string,
  contactId: string,
  kind: IdentityKind,
) {
  return db
    .selectFrom("identities")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("contact_id", "=", contactId)
    .where("kind", "=", kind)
    .where("display_name", "is", null)
    .orderBy("created_at", "desc")
    .limit(MAX_LOOKUPS)
    .execute();
}

/** Asks the provider about each identity; a lookup worth retrying throws and the job retries. */
async function describeIdentities(services: Services, accountId: string, lookup: Lookup) {
  const row = await findChannel(services.db, accountId, lookup.channelId);
  if (!row) return;
  const { provider, channel } = resolveChannel(row, services.secrets);
  if (!provider.describeIdentity) return;
  for (const identity of lookup.identities) {
    const log = services.log.child({ accountId, channelId: row.id, identityId: identity.id });
    const profile = await provider.describeIdentity(
      channel,
      { kind: identity.kind, value: identity.value },
      {
        timeoutMs: services.env.RELAIS_HTTP_TIMEOUT_MS,
        allowPrivateAddresses: services.env.RELAIS_OUTBOUND_ALLOW_PRIVATE,
      },
    );
    const applied = profile
      ? await services.db.transaction().execute((trx) => applyProfile(trx, identity, profile))
      : false;
    log.info({ found: Boolean(profile), applied }, "identity profile looked up");
  }
}

function clean(value: string | null | undefined): string | null {
  return value?.trim() || null;
}

/**
 * Fills what the identity lacks, and the contact's name and picture when it has none (an
 * agent's correction is never overwritten), with one `contact.updated` event. Skips an
 * identity that was named in the meantime.
 */
async function applyProfile(trx: Kysely<DB>, identity: Identity, profile: Profile) {
  const current = await trx
    .selectFrom("identities")
    .selectAll()
    .where("account_id", "=", identity.account_id)
    .where("id", "=", identity.id)
    .forUpdate()
    .executeTakeFirst();
  if (!current || current.display_name) return false;
  const next = {
    display_name: clean(profile.displayName),
    handle: clean(profile.handle) ?? current.handle,
    avatar_url: clean(profile.avatarUrl) ?? current.avatar_url,
  };
  const changes: string[] = [];
  if (
    next.display_name ||
    next.handle !== current.handle ||
    next.avatar_url !== current.avatar_url
  ) {
    await trx
      .updateTable("identities")
      .set(next)
      .where("account_id", "=", current.account_id)
      .where("id", "=", current.id)
      .execute();
    changes.push("identities");
  }

  const contact = await trx
    .selectFrom("contacts")
    .select(["name", "avatar_url"])
    .where("account_id", "=", current.account_id)
    .where("id", "=", current.contact_id)
    .forUpdate()
    .executeTakeFirst();
  const name = next.display_name ?? clean(profile.handle);
  const contactChanges: { name?: string; avatar_url?: string } = {};
  if (contact && !contact.name && name) contactChanges.name = name;
  if (contact && !contact.avatar_url && next.avatar_url)
    contactChanges.avatar_url = next.avatar_url;
  if (contactChanges.name || contactChanges.avatar_url) {
    await trx
      .updateTable("contacts")
      .set({ ...contactChanges, updated_at: new Date() })
      .where("account_id", "=", current.account_id)
      .where("id", "=", current.contact_id)
      .execute();
    if (contactChanges.name) changes.push("name");
    if (contactChanges.avatar_url) changes.push("avatarUrl");
  }
  if (changes.length === 0) return false;
  await recordEvent(trx, {
    accountId: current.account_id,
    name: "contact.updated",
    payload: { contactId: current.contact_id, changes },
  });
  return true;
}
