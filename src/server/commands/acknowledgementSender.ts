import { sql } from "kysely";
import { noticeActor } from "../callbacks/customerNotice.ts";
import { privateVisibility } from "../channels/provider.ts";
import { providerFor } from "../channels/registry.ts";
import type { AcknowledgementBasis } from "../db/schema/slaPromises.ts";
import { isAppError } from "../errors.ts";
import {
  acknowledgementEnabled,
  claimAcknowledgement,
  updateAcknowledgement,
} from "../models/acknowledgements.ts";
import { lockConversation } from "../models/conversations.ts";
import { joined } from "../rules/actions.ts";
import type { Services } from "../services.ts";
import { acknowledgementEstimate, acknowledgementText } from "../sla/acknowledgementEstimate.ts";
import { customerLocaleOf } from "../sla/customerLocale.ts";
import { replySender } from "./replySender.ts";

export type AcknowledgementOutcome =
  | { status: "sent"; messageId: string; expectedAt: Date }
  | { status: "skipped"; reason: string }
  /** Not for this message (not the first from the customer, channel off, already decided). */
  | { status: "none" };

/**
 * Acknowledges a customer's first message on a channel where it is enabled: the customer receives,
 * on their own channel (privately where the conversation is public, or not at all), when they can
 * expect a first answer — computed from the queue and the last days (acknowledgementEstimate) — in
 * their language and zone. Once per conversation: the decision (sent or skipped, with the reason)
 * is a row keyed by the conversation, written in the same transaction as the message, which the
 * outbox then delivers; run again, by a retry, a restart or a second worker, it finds the row.
 */
export async function acknowledgementSender(
  services: Services,
  props: { accountId: string; messageId: string; now?: Date },
): Promise<AcknowledgementOutcome> {
  const now = props.now ?? new Date();
  const { accountId } = props;
  // Most messages are not for this: outbound, or on a channel that does not acknowledge (the
  // default). They are told apart here, before any lock is taken.
  const message = await services.db
    .selectFrom("messages as m")
    .innerJoin("channel_acknowledgements as ca", (join) =>
      join.onRef("ca.account_id", "=", "m.account_id").onRef("ca.channel_id", "=", "m.channel_id"),
    )
    .select(["m.conversation_id", "m.direction", "m.id"])
    .where("m.account_id", "=", accountId)
    .where("m.id", "=", props.messageId)
    .where("ca.enabled", "=", true)
    .executeTakeFirst();
  if (message?.direction !== "in") return { status: "none" };

  return services.db.transaction().execute(async (trx) => {
    const conversation = await lockConversation(trx, accountId, message.conversation_id);
    if (!conversation?.channel_id) return { status: "none" } as const;
    const channel = await trx
      .selectFrom("channels")
      .select(["id", "kind", "config", "disabled_at"])
      .where("account_id", "=", accountId)
      .where("id", "=", conversation.channel_id)
      .executeTakeFirst();
    if (!channel || channel.disabled_at || channel.config.canSend === false) {
      return { status: "none" } as const;
    }
    if (!(await acknowledgementEnabled(trx, accountId, channel.id))) {
      return { status: "none" } as const;
    }
    // Only the conversation's first customer message is acknowledged.
    const first = await trx
      .selectFrom("messages")
      .select("id")
      .where("account_id", "=", accountId)
      .where("conversation_id", "=", conversation.id)
      .where("direction", "=", "in")
      .orderBy("created_at")
      .orderBy("id")
      .limit(1)
      .executeTakeFirst();
    if (first?.id !== message.id) return { status: "none" } as const;

    const skip = async (reason: string, basis?: AcknowledgementBasis) =>
      (await claimAcknowledgement(trx, {
        accountId,
        conversationId: conversation.id,
        status: "skipped",
        reason,
        basis,
      }))
        ? ({ status: "skipped", reason } as const)
        : ({ status: "none" } as const);

    const answered = await trx
      .selectFrom("messages")
      .select("id")
      .where("account_id", "=", accountId)
      .where("conversation_id", "=", conversation.id)
      .where("direction", "=", "out")
      .where("author_user_id", "is not", null)
      .where(sql<boolean>`coalesce((metadata->>'automatic')::boolean, false) = false`)
      .limit(1)
      .executeTakeFirst();
    if (answered) return skip("an agent has already answered");
    const visibility = privateVisibility(providerFor(channel.kind), conversation);
    if (!visibility) return skip("no private way to the customer on this channel");

    const estimate = await acknowledgementEstimate(trx, {
      accountId,
      channelId: channel.id,
      subject: {
        channelKind: channel.kind,
        priority: conversation.priority,
        category: conversation.category,
        teamId: conversation.team_id,
      },
      conversationId: conversation.id,
      now,
    });
    if (!estimate) return skip("no answer in the last 7 days and no SLA first-response target");
    const basis: AcknowledgementBasis = {
      source: estimate.source,
      ...(estimate.medianMinutes === null ? {} : { medianMinutes: estimate.medianMinutes }),
      samples: estimate.samples,
      queueAhead: estimate.queueAhead,
      waitMinutes: estimate.waitMinutes,
      openNow: estimate.openNow,
      opensAt: estimate.opensAt.toISOString(),
    };
    const claimed = await claimAcknowledgement(trx, {
      accountId,
      conversationId: conversation.id,
      status: "sent",
      expectedAt: estimate.expectedAt,
      basis,
    });
    if (!claimed) return { status: "none" } as const;

    const actor = await noticeActor(joined(services, trx), accountId, [conversation.assignee_id]);
    if (!actor) {
      const reason = "no agent to send it as";
      await updateAcknowledgement(trx, {
        accountId,
        conversationId: conversation.id,
        values: { status: "skipped", reason },
      });
      return { status: "skipped", reason } as const;
    }
    const locale = await customerLocaleOf(trx, conversation);
    try {
      const sent = await replySender(joined(services, trx), {
        actor,
        conversationId: conversation.id,
        kind: "reply",
        visibility,
        automatic: true,
        metadata: { slaAcknowledgement: { expectedAt: estimate.expectedAt.toISOString() } },
        text: acknowledgementText(estimate, locale.language, locale.timeZone),
      });
      await updateAcknowledgement(trx, {
        accountId,
        conversationId: conversation.id,
        values: { message_id: sent.id },
      });
      return { status: "sent", messageId: sent.id, expectedAt: estimate.expectedAt } as const;
    } catch (error) {
      // The channel refuses replies now (closed window, removed): recorded, not retried.
      if (!isAppError(error)) throw error;
      await updateAcknowledgement(trx, {
        accountId,
        conversationId: conversation.id,
        values: { status: "skipped", reason: error.message },
      });
      return { status: "skipped", reason: error.message } as const;
    }
  });
}
