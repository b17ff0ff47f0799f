import type { Kysely } from "kysely";
import type { EmailChannel } from "../channels/email/config.ts";
import { parseEmail } from "../channels/email/inbound.ts";
import { resolveChannel } from "../channels/resolve.ts";
import type { SecretBox } from "../crypto/secrets.ts";
import type { DB } from "../db/schema.ts";
import { conflict, notFound, unprocessable } from "../errors.ts";
import { normaliseEmail } from "./contactResolver.ts";
import { storeMessage } from "./inboundIngester.ts";
import { quarantineResolver } from "./quarantineResolver.ts";

export interface QuarantineAssignerProps {
  accountId: string;
  actorUserId: string;
  quarantineId: string;
  /** Either an existing contact, or the sender's address (their contact found or created). */
  to: { contactId: string } | { email: string };
}

/**
 * Attributes a quarantined mail: it is parsed again with the sender the admin named and stored
 * through the normal inbound path (threading, attachments, triage events), in one transaction
 * with the quarantine row, which is locked first, so the mail is ingested exactly once however
 * many times the admin clicks. A mail already stored on the channel (same Message-ID) is linked,
 * not stored twice.
 */
export async function quarantineAssigner(
  db: Kysely<DB>,
  secrets: SecretBox,
  props: QuarantineAssignerProps,
): Promise<{ conversationId: string; messageId: string }> {
  const { accountId } = props;
  return quarantineResolver(db, {
    ...props,
    decision: "assigned",
    async apply(trx, held) {
      const channelRow = await trx
        .selectFrom("channels")
        .selectAll()
        .where("account_id", "=", accountId)
        .where("id", "=", held.channel_id)
        .executeTakeFirstOrThrow();
      const sender = await chosenSender(trx, accountId, props.to);
      const { channel } = resolveChannel(channelRow, secrets);
      const envelope = held.envelope as { recipients?: string[] };
      // The same bytes read the same way as any mail, with the sender the admin named.
      const reparsed = await parseEmail(
        channel as EmailChannel,
        held.raw,
        { recipients: envelope.recipients ?? [] },
        sender,
      );
      const item = reparsed.items.find((entry) => entry.type === "message");
      if (item?.type !== "message")
        throw unprocessable("unreadable", "This mail cannot be read as a message; discard it.");

      const existing = await trx
        .selectFrom("messages")
        .select("id")
        .where("account_id", "=", accountId)
        .where("channel_id", "=", channelRow.id)
        .where("external_id", "=", item.message.externalId)
        .executeTakeFirst();
      const messageId = existing?.id ?? (await storeMessage(trx, channelRow, item.message));
      const message = await trx
        .selectFrom("messages")
        .select(["id", "conversation_id"])
        .where("account_id", "=", accountId)
        .where("id", "=", messageId)
        .executeTakeFirstOrThrow();
      return {
        set: { message_id: message.id, conversation_id: message.conversation_id },
        conversationId: message.conversation_id,
        audit: {
          email: sender.address,
          contactId: sender.contactId ?? null,
          conversationId: message.conversation_id,
          messageId: message.id,
        },
        result: { conversationId: message.conversation_id, messageId: message.id },
      };
    },
  });
}

interface ChosenSender {
  address: string;
  name: string | null;
  contactId?: string;
}

/**
 * The address the mail is filed under. For a contact: their email identity (so the mail joins
 * their timeline and replies reach them), or the email on their record; a contact without any
 * address cannot be written back to by email.
 */
async function chosenSender(
  trx: Kysely<DB>,
  accountId: string,
  to: QuarantineAssignerProps["to"],
): Promise<ChosenSender> {
  if ("email" in to) {
    const address = normaliseEmail(to.email);
    if (!address) throw unprocessable("invalid_email", "This is not an email address.");
    return { address, name: null };
  }
  const contact = await trx
    .selectFrom("contacts")
    .select(["id", "name", "email"])
    .where("account_id", "=", accountId)
    .where("id", "=", to.contactId)
    .executeTakeFirst();
  if (!contact) throw notFound("Contact");
  const identity = await trx
    .selectFrom("identities")
    .select("value")
    .where("account_id", "=", accountId)
    .where("contact_id", "=", contact.id)
    .where("kind", "=", "email")
    .orderBy("created_at")
    .executeTakeFirst();
  const address = identity?.value ?? normaliseEmail(contact.email);
  if (!address)
    throw unprocessable(
      "contact_without_email",
      "This contact has no email address: give the sender's address instead.",
    );
  if (!identity) {
    const owner = await trx
      .selectFrom("identities")
      .select("contact_id")
      .where("account_id", "=", accountId)
      .where("kind", "=", "email")
      .where("value", "=", address)
      .executeTakeFirst();
    if (owner && owner.contact_id !== contact.id)
      throw conflict("address_belongs_to_another_contact", `${address} is another contact's.`);
  }
  return { address, name: contact.name, contactId: contact.id };
}
