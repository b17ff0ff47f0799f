import type { Kysely } from "kysely";
import { z } from "zod";
import { ANNOUNCED_IDEA_STATUSES, type AnnouncedIdeaStatus } from "../../shared/ideas.ts";
import { deliveryScheduler } from "../commands/deliveryScheduler.ts";
import type { DB } from "../db/schema.ts";
import { type EventInput, recordEvents } from "../events/outbox.ts";
import { customerLanguage } from "../i18n/customer.ts";
import type { TaskDefinition } from "../jobs/queue.ts";
import { findIdea, type IdeaRow, ideaCustomers } from "../models/ideas.ts";
import type { Services } from "../services.ts";
import { contactLocale, ideaNoticeText } from "./announcement.ts";
import { openEmailConversation, reachCustomer } from "./reach.ts";

export const ANNOUNCE_IDEA_STATUS = "announce-idea-status";

const ZAnnounce = z.object({
  accountId: z.uuid(),
  ideaId: z.uuid(),
  status: z.enum(ANNOUNCED_IDEA_STATUSES),
});
export type AnnounceIdeaStatus = z.infer<typeof ZAnnounce>;

/** Enqueued in the transaction that changes an idea's status to planned, shipped or declined. */
export const announceIdeaStatusTask: TaskDefinition<AnnounceIdeaStatus, Services> = {
  name: ANNOUNCE_IDEA_STATUS,
  schema: ZAnnounce,
  retryLimit: 5,
  retryDelaySeconds: 10,
  async run(services, payload) {
    await ideaAnnouncer(services, payload);
  },
};

/**
 * Tells every customer linked to an idea of its new status, once each: per customer, one
 * transaction claims the (idea, customer, status) row and, in that same transaction, stores the
 * message in their conversation and enqueues its delivery. A job run again (a retry, a restart,
 * a second worker) finds the row and tells nobody twice. An idea whose status moved on before
 * the job ran (a mistake undone) tells nobody of the status it no longer has.
 */
export async function ideaAnnouncer(
  services: Services,
  props: AnnounceIdeaStatus,
): Promise<{ told: number; skipped: number }> {
  const idea = await findIdea(services.db, props.accountId, props.ideaId);
  const outcome = { told: 0, skipped: 0 };
  if (!idea || idea.status !== props.status) return outcome;
  for (const customer of await ideaCustomers(services.db, props.accountId, idea.id)) {
    const result = await services.db
      .transaction()
      .execute((trx) => tellCustomer(services, trx, idea, props.status, customer));
    if (result === "told") outcome.told += 1;
    if (result === "skipped") outcome.skipped += 1;
  }
  return outcome;
}

async function tellCustomer(
  services: Services,
  trx: Kysely<DB>,
  idea: IdeaRow,
  status: AnnouncedIdeaStatus,
  customer: { contact_id: string; gave_at: Date },
): Promise<"told" | "skipped" | "already"> {
  const accountId = idea.account_id;
  const claimed = await trx
    .insertInto("idea_notices")
    .values({ account_id: accountId, idea_id: idea.id, contact_id: customer.contact_id, status })
    .onConflict((conflict) =>
      conflict.columns(["account_id", "idea_id", "contact_id", "status"]).doNothing(),
    )
    .returning("id")
    .executeTakeFirst();
  if (!claimed) return "already";
  const notice = trx
    .updateTable("idea_notices")
    .where("account_id", "=", accountId)
    .where("id", "=", claimed.id);
  const reach = await reachCustomer(trx, services.secrets, accountId, customer.contact_id);
  if (reach.kind === "none") {
    await notice.set({ skipped_reason: reach.reason }).execute();
    return "skipped";
  }
  const account = await trx
    .selectFrom("accounts")
    .select("locale")
    .where("id", "=", accountId)
    .executeTakeFirstOrThrow();
  const language = customerLanguage(
    await contactLocale(trx, accountId, customer.contact_id),
    reach.kind === "conversation" ? reach.conversation.language : reach.language,
    account.locale,
  );
  const events: EventInput[] = [];
  const conversation =
    reach.kind === "conversation"
      ? reach.conversation
      : await openEmailConversation(trx, {
          accountId,
          contactId: customer.contact_id,
          channel: reach.channel,
          subject: idea.title,
          language,
        });
  if (reach.kind === "new_email") {
    events.push({
      accountId,
      name: "conversation.created",
      payload: { conversationId: conversation.id },
    });
  }
  const message = await trx
    .insertInto("messages")
    .values({
      account_id: accountId,
      conversation_id: conversation.id,
      channel_id: reach.channel.id,
      direction: "out",
      author_user_id: null,
      text: ideaNoticeText(language, status, {
        title: idea.title,
        gaveAt: customer.gave_at,
        statusNote: idea.status_note,
      }),
      visibility: "private",
      delivery_status: "queued",
      metadata: JSON.stringify({
        idea: { id: idea.id, status, ...(reach.fallback ? { fallback: reach.fallback } : {}) },
      }),
    })
    .returning(["account_id", "id"])
    .executeTakeFirstOrThrow();
  await deliveryScheduler(services, trx, message);
  await notice
    .set({
      conversation_id: conversation.id,
      message_id: message.id,
      channel_id: reach.channel.id,
      language,
    })
    .execute();
  events.push({
    accountId,
    name: "message.created",
    payload: { conversationId: conversation.id, messageId: message.id },
  });
  await recordEvents(trx, events);
  return "told";
}
