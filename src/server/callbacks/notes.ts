import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import { recordEvent } from "../events/outbox.ts";

/** What Relais writes in the timeline for agents about callbacks and calls, in the account's language. */
const NOTES = {
  "callback.requested": {
    fr: "📞 Rappel demandé pour le {customer} chez le client ({customerZone}) — {team} pour l'équipe ({teamZone}) — au {phone}.",
    en: "📞 Callback requested for {customer} customer time ({customerZone}) — {team} team time ({teamZone}) — at {phone}.",
  },
  "callback.rescheduled": {
    fr: "📞 Rappel reprogrammé : {customer} chez le client ({customerZone}) — {team} pour l'équipe ({teamZone}).",
    en: "📞 Callback rescheduled: {customer} customer time ({customerZone}) — {team} team time ({teamZone}).",
  },
  "callback.cancelled": { fr: "📞 Rappel annulé.", en: "📞 Callback cancelled." },
  "callback.toReschedule": {
    fr: "📞 Rappel manqué : le client a été prévenu et de nouveaux créneaux lui ont été proposés.",
    en: "📞 Missed callback: the customer was told and offered new times.",
  },
  "callback.noticeFailed": {
    fr: "📞 Rappel manqué : impossible de prévenir le client sur ce canal ({reason}).",
    en: "📞 Missed callback: the customer could not be told on this channel ({reason}).",
  },
  "call.started": {
    fr: "📞 Appel vers {to} lancé par {agent}.",
    en: "📞 {agent} is calling {to}.",
  },
  "call.initiated": { fr: "📞 Appel en cours de numérotation.", en: "📞 Dialling." },
  "call.ringing": { fr: "📞 Ça sonne chez {to}.", en: "📞 Ringing at {to}." },
  "call.in-progress": { fr: "📞 Appel décroché.", en: "📞 Call answered." },
  "call.completed": {
    fr: "📞 Appel terminé — durée {duration}.",
    en: "📞 Call ended — {duration}.",
  },
  "call.busy": { fr: "📞 Appel manqué : occupé.", en: "📞 Missed call: busy." },
  "call.no-answer": { fr: "📞 Appel manqué : pas de réponse.", en: "📞 Missed call: no answer." },
  "call.failed": {
    fr: "📞 Appel manqué : échec de l'appel.",
    en: "📞 Missed call: the call failed.",
  },
  "call.canceled": {
    fr: "📞 Appel annulé avant la réponse.",
    en: "📞 Call cancelled before it was answered.",
  },
  "call.recording": {
    fr: "📞 Enregistrement de l'appel disponible.",
    en: "📞 Call recording available.",
  },
  "chat.emailLeft": {
    fr: "✉️ Le visiteur a laissé l'adresse {email} (non vérifiée) pour recevoir la réponse par email.",
    en: "✉️ The visitor left {email} (unverified) to get the answer by email.",
  },
  "call.inbound": { fr: "📞 Appel entrant de {from}.", en: "📞 Incoming call from {from}." },
} as const satisfies Record<string, { fr: string; en: string }>;

export type NoteKey = keyof typeof NOTES;

export function noteText(key: NoteKey, language: "fr" | "en", values: Record<string, string> = {}) {
  return NOTES[key][language].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "");
}

export function isNoteKey(key: string): key is NoteKey {
  return key in NOTES;
}

export function formatDuration(seconds: number, language: "fr" | "en"): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest} s`;
  return language === "fr" ? `${minutes} min ${rest} s` : `${minutes} min ${rest} s`;
}

export async function accountLanguage(db: Kysely<DB>, accountId: string): Promise<"fr" | "en"> {
  const account = await db
    .selectFrom("accounts")
    .select("locale")
    .where("id", "=", accountId)
    .executeTakeFirstOrThrow();
  return account.locale;
}

/**
 * An internal note by Relais (or by the agent who acted) in the conversation's timeline, with
 * its event. A note with an external id is written once: a provider's retried callback finds it.
 */
export async function addNote(
  trx: Kysely<DB>,
  props: {
    accountId: string;
    conversationId: string;
    text: string;
    metadata: Record<string, unknown>;
    channelId?: string | null;
    externalId?: string | null;
    authorUserId?: string | null;
    at?: Date;
  },
): Promise<string | null> {
  if (props.externalId && props.channelId) {
    const existing = await trx
      .selectFrom("messages")
      .select("id")
      .where("account_id", "=", props.accountId)
      .where("channel_id", "=", props.channelId)
      .where("external_id", "=", props.externalId)
      .executeTakeFirst();
    if (existing) return null;
  }
  const message = await trx
    .insertInto("messages")
    .values({
      account_id: props.accountId,
      conversation_id: props.conversationId,
      channel_id: props.channelId ?? null,
      direction: "note",
      author_user_id: props.authorUserId ?? null,
      text: props.text,
      visibility: "private",
      external_id: props.externalId ?? null,
      metadata: JSON.stringify(props.metadata),
      created_at: props.at ?? new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordEvent(trx, {
    accountId: props.accountId,
    name: "message.created",
    payload: { conversationId: props.conversationId, messageId: message.id },
    actorUserId: props.authorUserId ?? null,
  });
  return message.id;
}
