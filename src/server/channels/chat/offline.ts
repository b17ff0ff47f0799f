import type { Kysely } from "kysely";
import { loadOutboundAttachments } from "../../attachments/uploads.ts";
import type { Conversation, DB, Identity, Message } from "../../db/schema.ts";
import { recordEvent } from "../../events/outbox.ts";
import type { Processor } from "../../jobs/processor.ts";
import type { Services } from "../../services.ts";
import { findChannel, resolveChannel } from "../resolve.ts";
import { offlineEmailFor, visitorOnline } from "./sessions.ts";

/** What became of an agent's chat reply while the visitor was away (message.metadata.chat). */
export type OfflineOutcome =
  | { offline: true; via: "widget"; reason: "no_email" | "no_email_channel" }
  | {
      offline: true;
      via: "email";
      status: "sending" | "sent" | "failed" | "unknown";
      to: string;
      channelId: string;
      reason?: string;
    };

/**
 * When an agent answers a chat visitor who has left, the answer also goes by email (through the
 * account's email channel) to the address the visitor gave; the email carries the
 * conversation's token, so the customer's reply continues this same conversation. Without an
 * address or an email channel the answer waits in the widget, and the message says so.
 */
export const chatOfflineProcessor: Processor = {
  name: "chat-offline",
  events: ["message.created"],
  retryLimit: 5,
  async handle(services, event) {
    const messageId = event.payload.messageId;
    if (typeof messageId !== "string") return;
    await answerOffline(services, event.accountId, messageId);
  },
};

export async function answerOffline(services: Services, accountId: string, messageId: string) {
  const { db } = services;
  const found = await db
    .selectFrom("messages as m")
    .innerJoin("channels as ch", (join) =>
      join.onRef("ch.account_id", "=", "m.account_id").onRef("ch.id", "=", "m.channel_id"),
    )
    .innerJoin("conversations as c", (join) =>
      join.onRef("c.account_id", "=", "m.account_id").onRef("c.id", "=", "m.conversation_id"),
    )
    .where("m.account_id", "=", accountId)
    .where("m.id", "=", messageId)
    .where("m.direction", "=", "out")
    .where("ch.kind", "=", "chat")
    .select(["m.channel_id", "c.contact_id"])
    .executeTakeFirst();
  if (!found?.channel_id) return;
  if (await visitorOnline(db, accountId, found.contact_id, found.channel_id)) return;

  const to = await offlineEmailFor(db, accountId, found.contact_id, found.channel_id);
  const emailChannel = to
    ? await db
        .selectFrom("channels")
        .selectAll()
        .where("account_id", "=", accountId)
        .where("kind", "=", "email")
        .where("disabled_at", "is", null)
        .orderBy("created_at", "asc")
        .limit(1)
        .executeTakeFirst()
    : undefined;
  if (!to || !emailChannel) {
    await record(db, accountId, messageId, () => ({
      offline: true,
      via: "widget",
      reason: to ? "no_email_channel" : "no_email",
    }));
    return;
  }

  // Claim: an email is sent at most once; a send cut short is not repeated (its fate is unknown).
  const claim = await db.transaction().execute(async (trx) => {
    const message = await lock(trx, accountId, messageId);
    if (!message) return null;
    const previous = message.metadata.chat as OfflineOutcome | undefined;
    if (previous?.via === "email") {
      if (previous.status === "sending")
        await write(trx, message, { ...previous, status: "unknown" });
      return null;
    }
    const outcome: OfflineOutcome = {
      offline: true,
      via: "email",
      status: "sending",
      to,
      channelId: emailChannel.id,
    };
    await write(trx, message, outcome);
    const conversation = await trx
      .selectFrom("conversations")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("id", "=", message.conversation_id)
      .executeTakeFirstOrThrow();
    return { message, conversation };
  });
  if (!claim) return;

  const channelRow = await findChannel(db, accountId, emailChannel.id);
  if (!channelRow) return;
  const { provider, channel } = resolveChannel(channelRow, services.secrets);
  const result = await provider
    .send(
      channel,
      {
        message: claim.message,
        conversation: claim.conversation,
        recipient: hintRecipient(claim.conversation, to),
        inReplyTo: null,
        // The files go with the answer when the email channel can carry them.
        attachments: provider.attachments
          ? await loadOutboundAttachments(db, accountId, messageId, claim.message.attachments)
          : [],
      },
      {
        timeoutMs: services.env.RELAIS_HTTP_TIMEOUT_MS,
        allowPrivateAddresses: services.env.RELAIS_OUTBOUND_ALLOW_PRIVATE,
        saveState: async () => {},
      },
    )
    .catch((error: unknown) => ({
      ok: false as const,
      retryable: true,
      reason: error instanceof Error ? error.message : String(error),
    }));
  await record(db, accountId, messageId, () =>
    result.ok
      ? { offline: true, via: "email", status: "sent", to, channelId: emailChannel.id }
      : {
          offline: true,
          via: "email",
          status: "failed",
          to,
          channelId: emailChannel.id,
          reason: result.reason,
        },
  );
  services.log.info({ accountId, messageId, ok: result.ok }, "chat answer sent by email");
}

/** The address the visitor left, as the email provider expects a recipient (never stored). */
function hintRecipient(conversation: Conversation, email: string): Identity {
  return {
    account_id: conversation.account_id,
    id: conversation.contact_id,
    contact_id: conversation.contact_id,
    kind: "email",
    value: email,
    display_name: null,
    handle: null,
    avatar_url: null,
    followers: null,
    verified: false,
    created_at: new Date(),
  };
}

async function lock(trx: Kysely<DB>, accountId: string, messageId: string) {
  return trx
    .selectFrom("messages")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("id", "=", messageId)
    .forUpdate()
    .executeTakeFirst();
}

async function write(trx: Kysely<DB>, message: Message, outcome: OfflineOutcome) {
  await trx
    .updateTable("messages")
    .set({ metadata: JSON.stringify({ ...message.metadata, chat: outcome }) })
    .where("account_id", "=", message.account_id)
    .where("id", "=", message.id)
    .execute();
  await recordEvent(trx, {
    accountId: message.account_id,
    name: "message.updated",
    payload: { conversationId: message.conversation_id, messageId: message.id, changes: ["chat"] },
  });
}

async function record(
  db: Kysely<DB>,
  accountId: string,
  messageId: string,
  outcome: () => OfflineOutcome,
) {
  await db.transaction().execute(async (trx) => {
    const message = await lock(trx, accountId, messageId);
    if (message) await write(trx, message, outcome());
  });
}
