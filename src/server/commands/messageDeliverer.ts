import { type Kysely, sql } from "kysely";
import type { IdentityKind } from "../../shared/enums.ts";
import { attachmentLinker } from "../attachments/links.ts";
import { loadOutboundAttachments } from "../attachments/uploads.ts";
import type { OutboundMessage, SendResult } from "../channels/provider.ts";
import { resolveChannel } from "../channels/resolve.ts";
import type { DB, Message } from "../db/schema.ts";
import { publicUrl } from "../env.ts";
import { recordEvent } from "../events/outbox.ts";
import { replyFailedNotice } from "../notifications/notices.ts";
import type { Services } from "../services.ts";
import { backoffDelayMs, deliveryScheduler } from "./deliveryScheduler.ts";

export interface MessageDelivererProps {
  accountId: string;
  messageId: string;
  jobId: string;
}

const UNKNOWN_OUTCOME =
  "Sending was interrupted and the provider cannot tell whether the message arrived; " +
  "check with the customer before retrying.";

/**
 * Sends one outbound message through its channel's provider.
 *
 * 1. Claim: in a transaction, only the job named on the message may proceed, and only while the
 *    message is queued; the attempt is marked as started.
 * 2. Send, outside any transaction.
 * 3. Record the outcome: sent; or rescheduled with backoff (honouring the provider's
 *    Retry-After); or failed with the provider's reason after the last attempt.
 *
 * If the process dies between 1 and 3, the job runs again and finds the attempt marked as
 * started: a provider that deduplicates by our id is simply asked again; for any other the
 * message is marked failed rather than risk sending it twice. While the started attempt may
 * still be under way (a job redelivered to a second worker while the first waits for the
 * provider), the second runner sends nothing and its job is retried later.
 */
const IN_FLIGHT = "in_flight" as const;

/**
 * Whether a send started at `startedAt` may still be under way in another runner: each provider
 * call is bounded by the HTTP timeout, and a send makes at most a few (an upload, then the post),
 * so twice that timeout is the longest a live runner may still be sending.
 */
function inFlight(startedAt: Date, services: Services): boolean {
  return Date.now() - startedAt.getTime() < 2 * services.env.RELAIS_HTTP_TIMEOUT_MS;
}

export async function messageDeliverer(services: Services, props: MessageDelivererProps) {
  const claim = await services.db.transaction().execute(async (trx) => {
    const message = await lockMessage(trx, props);
    if (
      !message ||
      message.delivery_job_id !== props.jobId ||
      message.delivery_status !== "queued"
    ) {
      return null;
    }
    const channel = message.channel_id
      ? await trx
          .selectFrom("channels")
          .selectAll()
          .where("account_id", "=", props.accountId)
          .where("id", "=", message.channel_id)
          .executeTakeFirst()
      : undefined;
    if (!channel || channel.disabled_at) {
      await markFailed(trx, message, "The channel of this conversation was removed or disabled.");
      return null;
    }
    const { provider, channel: resolved } = resolveChannel(channel, services.secrets);
    if (message.send_started_at && inFlight(message.send_started_at, services)) {
      return IN_FLIGHT;
    }
    if (message.send_started_at && !provider.idempotentSend) {
      await markFailed(trx, message, UNKNOWN_OUTCOME);
      return null;
    }
    const claimed = await trx
      .updateTable("messages")
      .set((eb) => ({
        send_started_at: new Date(),
        delivery_attempts: eb("delivery_attempts", "+", 1),
      }))
      .where("account_id", "=", message.account_id)
      .where("id", "=", message.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const outbound = await loadOutbound(trx, claimed, provider.identityKind);
    if (outbound.attachments?.length && !provider.attachments) {
      // Refused when the reply was written; kept from ever dropping files silently.
      await markFailed(trx, message, "This channel cannot send files.");
      return null;
    }
    return { provider, resolved, outbound };
  });
  if (claim === IN_FLIGHT) {
    // Another runner of this job (redelivered after its expiry) may still be waiting for the
    // provider: sending now could send twice. The job fails and is retried; by then the first
    // runner has recorded its outcome, or the send's time is up and it counts as interrupted.
    throw new Error("The message is being sent by another worker; this attempt is retried later.");
  }
  if (!claim) return;

  const log = services.log.child({ accountId: props.accountId, messageId: props.messageId });
  const link = attachmentLinker(services);
  let result: SendResult;
  try {
    result = await claim.provider.send(claim.resolved, claim.outbound, {
      timeoutMs: services.env.RELAIS_HTTP_TIMEOUT_MS,
      allowPrivateAddresses: services.env.RELAIS_OUTBOUND_ALLOW_PRIVATE,
      saveState: async (state) => {
        await services.db
          .updateTable("channels")
          .set({ state: JSON.stringify({ ...claim.resolved.row.state, ...state }) })
          .where("account_id", "=", props.accountId)
          .where("id", "=", claim.resolved.row.id)
          .execute();
      },
      attachmentLink: (attachment) => {
        const signed = link(props.accountId, attachment.id);
        return { url: `${publicUrl(services.env)}${signed.path}`, expiresAt: signed.expiresAt };
      },
    });
  } catch (error) {
    log.error({ err: error }, "provider send threw");
    result = {
      ok: false,
      retryable: true,
      reason: error instanceof Error ? error.message : String(error),
    };
  }

  await services.db.transaction().execute(async (trx) => {
    const message = await lockMessage(trx, props);
    if (!message || message.delivery_job_id !== props.jobId) return;
    if (result.ok) {
      await trx
        .updateTable("messages")
        .set({
          delivery_status: result.status ?? "sent",
          delivery_error: null,
          delivery_next_attempt_at: null,
          send_started_at: null,
          sent_at: new Date(),
          external_id: result.externalId ?? message.external_id,
          metadata: JSON.stringify({ ...message.metadata, ...result.metadata }),
        })
        .where("account_id", "=", message.account_id)
        .where("id", "=", message.id)
        .execute();
      await countFirstResponse(trx, message, new Date());
      log.info({ attempts: message.delivery_attempts }, "message delivered");
    } else if (
      result.retryable &&
      message.delivery_attempts < services.env.RELAIS_DELIVERY_MAX_ATTEMPTS
    ) {
      const backoff = backoffDelayMs(
        message.delivery_attempts,
        services.env.RELAIS_RETRY_BASE_MS,
        services.env.RELAIS_RETRY_MAX_MS,
      );
      const delay = Math.max(backoff, result.retryAfterMs ?? 0);
      await trx
        .updateTable("messages")
        .set({ delivery_error: result.reason })
        .where("account_id", "=", message.account_id)
        .where("id", "=", message.id)
        .execute();
      await noteChannelError(trx, message, result.reason);
      await deliveryScheduler(services, trx, message, new Date(Date.now() + delay));
      log.warn(
        { attempts: message.delivery_attempts, delay, reason: result.reason },
        "delivery will be retried",
      );
    } else {
      await markFailed(trx, message, result.reason);
      log.warn({ attempts: message.delivery_attempts, reason: result.reason }, "delivery failed");
      return;
    }
    await announce(trx, message);
  });
}

/**
 * The first response is the first agent reply actually sent (docs/sla.md): counted here, when
 * the provider has taken it, never when it is queued or if it fails; automatic messages (rules,
 * notices, follow-ups, public acknowledgements) do not count.
 */
async function countFirstResponse(trx: Kysely<DB>, message: Message, sentAt: Date) {
  const metadata = message.metadata;
  if (
    message.direction !== "out" ||
    !message.author_user_id ||
    metadata.automatic === true ||
    metadata.acknowledgesPrivateReply === true
  ) {
    return;
  }
  const counted = await trx
    .updateTable("conversations")
    .set({ first_response_at: sentAt })
    .where("account_id", "=", message.account_id)
    .where("id", "=", message.conversation_id)
    .where("first_response_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  if (counted) {
    await recordEvent(trx, {
      accountId: message.account_id,
      name: "conversation.updated",
      payload: { conversationId: message.conversation_id, changes: ["firstResponseAt"] },
    });
  }
}

async function lockMessage(trx: Kysely<DB>, props: { accountId: string; messageId: string }) {
  return trx
    .selectFrom("messages")
    .selectAll()
    .where("account_id", "=", props.accountId)
    .where("id", "=", props.messageId)
    .forUpdate()
    .executeTakeFirst();
}

async function markFailed(trx: Kysely<DB>, message: Message, reason: string) {
  await trx
    .updateTable("messages")
    .set({
      delivery_status: "failed",
      delivery_error: reason,
      send_started_at: null,
      delivery_next_attempt_at: null,
    })
    .where("account_id", "=", message.account_id)
    .where("id", "=", message.id)
    .execute();
  await noteChannelError(trx, message, reason);
  await announce(trx, message);
  await replyFailedNotice(trx, message);
}

/** The channel's health: the last error a send met on it, and when. */
async function noteChannelError(trx: Kysely<DB>, message: Message, reason: string) {
  if (!message.channel_id) return;
  await trx
    .updateTable("channels")
    .set({ last_error: reason.slice(0, 1000), last_error_at: new Date() })
    .where("account_id", "=", message.account_id)
    .where("id", "=", message.channel_id)
    .execute();
}

async function announce(trx: Kysely<DB>, message: Message) {
  await recordEvent(trx, {
    accountId: message.account_id,
    name: "message.updated",
    payload: {
      conversationId: message.conversation_id,
      messageId: message.id,
      changes: ["delivery"],
    },
  });
}

async function loadOutbound(
  trx: Kysely<DB>,
  message: Message,
  identityKind: IdentityKind,
): Promise<OutboundMessage> {
  const conversation = await trx
    .selectFrom("conversations")
    .selectAll()
    .where("account_id", "=", message.account_id)
    .where("id", "=", message.conversation_id)
    .executeTakeFirstOrThrow();
  const inReplyTo =
    (await trx
      .selectFrom("messages")
      .selectAll()
      .where("account_id", "=", message.account_id)
      .where("conversation_id", "=", message.conversation_id)
      .where("direction", "=", "in")
      .where("deleted_at", "is", null)
      // The customer's latest message of the same visibility (a public reply answers the latest
      // public post), else their latest message of any kind.
      .orderBy(sql`visibility = ${message.visibility}`, "desc")
      .orderBy("created_at", "desc")
      .limit(1)
      .executeTakeFirst()) ?? null;
  const recipientId = inReplyTo?.author_contact_id ?? conversation.contact_id;
  const recipient =
    (await trx
      .selectFrom("identities as i")
      .selectAll("i")
      .where("i.account_id", "=", message.account_id)
      .where("i.contact_id", "=", recipientId)
      .where("i.kind", "=", identityKind)
      .orderBy("i.created_at", "desc")
      .limit(1)
      .executeTakeFirst()) ?? null;
  const attachments = await loadOutboundAttachments(
    trx,
    message.account_id,
    message.id,
    message.attachments,
  );
  return { message, conversation, recipient, inReplyTo, attachments };
}
