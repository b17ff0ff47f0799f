import type { Actor } from "../auth/actor.ts";
import { privateVisibility } from "../channels/provider.ts";
import { providerFor } from "../channels/registry.ts";
import { replySender } from "../commands/replySender.ts";
import { isAppError, notFound } from "../errors.ts";
import { type CustomerStringKey, customerLanguage, customerString } from "../i18n/customer.ts";
import type { Services } from "../services.ts";
import { businessHoursFor } from "./businessHours.ts";
import { availableSlots, displayPhone } from "./model.ts";
import { formatSlot } from "./slots.ts";

export type NoticeKind = "confirmed" | "cancelled" | "missed";

const KEYS: Record<NoticeKind, CustomerStringKey> = {
  confirmed: "callback.confirmed",
  cancelled: "callback.cancelled",
  missed: "callback.missed",
};

/** "Europe/Paris" → "Paris": how people name a zone. */
export function zoneName(timeZone: string): string {
  return (timeZone.split("/").pop() ?? timeZone).replaceAll("_", " ");
}

/**
 * Tells the customer, on the conversation's own channel and in their language, what became of
 * their callback; a missed one comes with the next free times in their zone. Sent as a reply
 * of the agent who acted (else the callback's agent, else an admin), so it is delivered,
 * retried and tracked like any reply. It carries their phone number, so it is always private:
 * on a public conversation (an X mention, a Facebook comment) it goes by the provider's private
 * way to the author, or not at all — never in the public thread.
 */
export async function callbackNotice(
  services: Services,
  props: { accountId: string; callbackId: string; kind: NoticeKind; actorUserId?: string | null },
): Promise<{ ok: true; messageId: string } | { ok: false; reason: string }> {
  const { db } = services;
  const callback = await db
    .selectFrom("callbacks")
    .selectAll()
    .where("account_id", "=", props.accountId)
    .where("id", "=", props.callbackId)
    .executeTakeFirst();
  if (!callback) throw notFound("Callback");
  const context = await db
    .selectFrom("conversations as c")
    .innerJoin("contacts as ct", (join) =>
      join.onRef("ct.account_id", "=", "c.account_id").onRef("ct.id", "=", "c.contact_id"),
    )
    .innerJoin("accounts as a", "a.id", "c.account_id")
    .leftJoin("channels as ch", (join) =>
      join.onRef("ch.account_id", "=", "c.account_id").onRef("ch.id", "=", "c.channel_id"),
    )
    .select([
      "c.language",
      "c.visibility",
      "ch.kind as channel_kind",
      "ct.locale as contact_locale",
      "a.locale as account_locale",
    ])
    .where("c.account_id", "=", props.accountId)
    .where("c.id", "=", callback.conversation_id)
    .executeTakeFirstOrThrow();
  const visibility = privateVisibility(
    context.channel_kind ? providerFor(context.channel_kind) : null,
    context,
  );
  if (!visibility) return { ok: false, reason: "no private way to the customer on this channel" };
  const language = customerLanguage(
    context.language,
    context.contact_locale,
    context.account_locale,
  );
  const zone = callback.customer_time_zone;

  const values: Record<string, string> = {
    when: formatSlot(callback.scheduled_at, zone, language),
    zone: zoneName(zone),
    phone: displayPhone(callback.phone),
  };
  if (props.kind === "missed") {
    const hours = await businessHoursFor(db, props.accountId, callback.team_id, {
      fallback: true,
    });
    const slots = await availableSlots(db, props.accountId, hours, zone, { limit: 3 });
    values.slots = slots.map((slot) => `• ${formatSlot(slot.start, zone, language)}`).join("\n");
  }

  const actor = await noticeActor(services, props.accountId, [
    props.actorUserId,
    callback.started_by_id,
    callback.assignee_id,
  ]);
  if (!actor) return { ok: false, reason: "no agent to send it as" };
  try {
    const message = await replySender(services, {
      actor,
      conversationId: callback.conversation_id,
      text: customerString(KEYS[props.kind], language, values),
      kind: "reply",
      visibility,
      automatic: true,
    });
    return { ok: true, messageId: message.id };
  } catch (error) {
    if (isAppError(error)) return { ok: false, reason: error.message };
    throw error;
  }
}

/** The agent a notice goes out as: the first active candidate, else the first admin. */
export async function noticeActor(
  services: Services,
  accountId: string,
  candidates: Array<string | null | undefined>,
): Promise<Actor | null> {
  const users = await services.db
    .selectFrom("users")
    .select(["id", "role"])
    .where("account_id", "=", accountId)
    .where("disabled_at", "is", null)
    .orderBy("created_at")
    .execute();
  const chosen =
    candidates.map((id) => users.find((user) => user.id === id)).find(Boolean) ??
    users.find((user) => user.role === "admin");
  return chosen ? { accountId, userId: chosen.id, role: chosen.role, via: "token" } : null;
}
