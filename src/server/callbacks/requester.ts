import { type Kysely, sql } from "kysely";
import type { Callback, DB } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { recordEvent } from "../events/outbox.ts";
import { lockConversation } from "../models/conversations.ts";
import type { Services } from "../services.ts";
import { type BusinessHours, businessHoursFor } from "./businessHours.ts";
import { checkSlot, displayPhone, e164 } from "./model.ts";
import { accountLanguage, addNote, noteText } from "./notes.ts";
import { formatSlot } from "./slots.ts";

export interface CallbackRequesterProps {
  accountId: string;
  conversationId: string;
  /** As typed; read in `region` when it has no country code. */
  phone: string;
  region?: string | null;
  scheduledAt: Date;
  customerTimeZone: string;
  source: Callback["source"];
  teamId?: string | null;
  assigneeId?: string | null;
  note?: string | null;
  actorUserId?: string | null;
}

/** Serialises bookings of one team, so two customers cannot take its last free place at once. */
export async function lockTeamBookings(trx: Kysely<DB>, accountId: string, hours: BusinessHours) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`callbacks:${accountId}:${hours.teamId ?? "-"}`}, 0))`.execute(
    trx,
  );
}

/**
 * Books a callback in a conversation: the time must fall within the team's business hours and
 * still be free; the agents see a note with both local times. The customer's number and zone
 * become their contact's when it has none (as hints: no identity is created from them).
 */
export async function callbackRequester(
  services: Pick<Services, "db">,
  props: CallbackRequesterProps,
): Promise<Callback> {
  const phone = e164(props.phone, props.region);
  return services.db.transaction().execute(async (trx) => {
    const conversation = await lockConversation(trx, props.accountId, props.conversationId);
    if (!conversation) throw notFound("Conversation");
    const hours = await businessHoursFor(trx, props.accountId, props.teamId);
    await lockTeamBookings(trx, props.accountId, hours);
    await checkSlot(trx, props.accountId, hours, props.scheduledAt);
    if (props.assigneeId) await requireUser(trx, props.accountId, props.assigneeId);

    const callback = await trx
      .insertInto("callbacks")
      .values({
        account_id: props.accountId,
        conversation_id: conversation.id,
        contact_id: conversation.contact_id,
        team_id: hours.teamId,
        assignee_id: props.assigneeId ?? conversation.assignee_id,
        phone,
        scheduled_at: props.scheduledAt,
        customer_time_zone: props.customerTimeZone,
        source: props.source,
        note: props.note ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("contacts")
      .set((eb) => ({
        phone: eb.fn.coalesce("phone", eb.val(phone)),
        time_zone: eb.fn.coalesce("time_zone", eb.val(props.customerTimeZone)),
        updated_at: new Date(),
      }))
      .where("account_id", "=", props.accountId)
      .where("id", "=", conversation.contact_id)
      .execute();

    const language = await accountLanguage(trx, props.accountId);
    await addNote(trx, {
      accountId: props.accountId,
      conversationId: conversation.id,
      authorUserId: props.actorUserId,
      text: noteText("callback.requested", language, {
        ...bothTimes(callback, hours.timeZone, language),
        phone: displayPhone(phone),
      }),
      metadata: {
        callback: {
          id: callback.id,
          status: callback.status,
          scheduledAt: callback.scheduled_at.toISOString(),
        },
      },
    });
    await recordEvent(trx, {
      accountId: props.accountId,
      name: "conversation.updated",
      payload: { conversationId: conversation.id, changes: ["callback"] },
      actorUserId: props.actorUserId ?? null,
    });
    return callback;
  });
}

export function bothTimes(callback: Callback, teamTimeZone: string, language: "fr" | "en") {
  return {
    customer: formatSlot(callback.scheduled_at, callback.customer_time_zone, language),
    customerZone: callback.customer_time_zone,
    team: formatSlot(callback.scheduled_at, teamTimeZone, language),
    teamZone: teamTimeZone,
  };
}

export async function requireUser(trx: Kysely<DB>, accountId: string, userId: string) {
  const user = await trx
    .selectFrom("users")
    .select("id")
    .where("account_id", "=", accountId)
    .where("id", "=", userId)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  if (!user) throw notFound("User");
}
