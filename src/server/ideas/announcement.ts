import type { Kysely } from "kysely";
import type { AnnouncedIdeaStatus, IdeaStatus, TIdeaStatusPreview } from "../../shared/ideas.ts";
import { isAnnounced } from "../../shared/ideas.ts";
import type { SecretBox } from "../crypto/secrets.ts";
import type { DB } from "../db/schema.ts";
import { customerDate, customerLanguage, customerString } from "../i18n/customer.ts";
import { ideaCustomers } from "../models/ideas.ts";
import { reachCustomer } from "./reach.ts";

/** The message a customer receives when their idea becomes `status`, in their language. */
export function ideaNoticeText(
  language: "fr" | "en",
  status: AnnouncedIdeaStatus,
  props: { title: string; gaveAt: Date; statusNote: string | null },
): string {
  const text = customerString(`idea.${status}`, language, {
    title: props.title,
    date: customerDate(language, props.gaveAt.toISOString().slice(0, 10)),
  });
  const note = props.statusNote?.trim();
  return note ? `${text}\n\n${note}` : text;
}

/**
 * Who a status change tells and how, read only: every linked customer with the channel that
 * reaches them now (or why none does), their language, and whether they were already told of
 * this status. The announcer sends to exactly these customers; the preview stores nothing.
 */
export async function ideaStatusPlan(
  db: Kysely<DB>,
  secrets: SecretBox,
  props: {
    accountId: string;
    idea: { id: string; title: string };
    status: IdeaStatus;
    statusNote: string | null;
  },
): Promise<TIdeaStatusPreview> {
  const { accountId, idea, status } = props;
  const sample = (language: "fr" | "en") =>
    isAnnounced(status)
      ? ideaNoticeText(language, status, {
          title: idea.title,
          gaveAt: new Date(),
          statusNote: props.statusNote,
        })
      : "";
  const messages = { fr: sample("fr"), en: sample("en") };
  if (!isAnnounced(status)) return { status, announced: false, recipients: [], messages };
  const account = await db
    .selectFrom("accounts")
    .select("locale")
    .where("id", "=", accountId)
    .executeTakeFirstOrThrow();
  const told = new Set(
    (
      await db
        .selectFrom("idea_notices")
        .select("contact_id")
        .where("account_id", "=", accountId)
        .where("idea_id", "=", idea.id)
        .where("status", "=", status)
        .execute()
    ).map((row) => row.contact_id),
  );
  const recipients: TIdeaStatusPreview["recipients"] = [];
  for (const customer of await ideaCustomers(db, accountId, idea.id)) {
    const locale = await contactLocale(db, accountId, customer.contact_id);
    const reach = await reachCustomer(db, secrets, accountId, customer.contact_id);
    const conversationLanguage = reach.kind === "conversation" ? reach.conversation.language : null;
    const language = customerLanguage(
      locale,
      conversationLanguage ?? (reach.kind === "new_email" ? reach.language : null),
      account.locale,
    );
    recipients.push({
      contact: { id: customer.contact_id, name: customer.name },
      conversationId: reach.kind === "conversation" ? reach.conversation.id : null,
      channel:
        reach.kind === "none"
          ? null
          : { id: reach.channel.id, kind: reach.channel.kind, name: reach.channel.name },
      language,
      alreadyTold: told.has(customer.contact_id),
      skippedReason: reach.kind === "none" ? reach.reason : null,
    });
  }
  return { status, announced: true, recipients, messages };
}

export async function contactLocale(
  db: Kysely<DB>,
  accountId: string,
  contactId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom("contacts")
    .select("locale")
    .where("account_id", "=", accountId)
    .where("id", "=", contactId)
    .executeTakeFirst();
  return row?.locale ?? null;
}
