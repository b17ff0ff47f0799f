import type { Kysely } from "kysely";
import type { CannedReply, Conversation, DB } from "../db/schema.ts";
import { customerLanguage } from "../i18n/customer.ts";
import type { RuleFacts } from "./conditions.ts";
import { bodyFor, renderTemplate, type TemplateValues } from "./templates.ts";

/**
 * What a rule's conditions see of a conversation. `messageId` (message.received) makes the text
 * that message's; otherwise it is the subject and the customer's latest message.
 */
export async function loadRuleFacts(
  db: Kysely<DB>,
  conversation: Conversation,
  props: { messageId?: string; now?: Date } = {},
): Promise<RuleFacts> {
  const accountId = conversation.account_id;
  const account = await db
    .selectFrom("accounts")
    .select("time_zone")
    .where("id", "=", accountId)
    .executeTakeFirstOrThrow();
  const channel = conversation.channel_id
    ? await db
        .selectFrom("channels")
        .select("kind")
        .where("account_id", "=", accountId)
        .where("id", "=", conversation.channel_id)
        .executeTakeFirst()
    : undefined;
  const contact = await db
    .selectFrom("contacts")
    .select("email")
    .where("account_id", "=", accountId)
    .where("id", "=", conversation.contact_id)
    .executeTakeFirst();
  const identities = await db
    .selectFrom("identities")
    .select("value")
    .where("account_id", "=", accountId)
    .where("contact_id", "=", conversation.contact_id)
    .where("kind", "=", "email")
    .execute();
  const message = await db
    .selectFrom("messages")
    .select("text")
    .where("account_id", "=", accountId)
    .where("conversation_id", "=", conversation.id)
    .where("direction", "=", "in")
    .where("deleted_at", "is", null)
    .$if(Boolean(props.messageId), (query) => query.where("id", "=", props.messageId ?? ""))
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  const teams = await db
    .selectFrom("teams")
    .select(["id", "time_zone", "business_hours"])
    .where("account_id", "=", accountId)
    .where("time_zone", "is not", null)
    .orderBy("name")
    .execute();
  const text = props.messageId
    ? (message?.text ?? "")
    : [conversation.subject, message?.text].filter(Boolean).join("\n");
  const emails = [contact?.email, ...identities.map((identity) => identity.value)]
    .filter((email): email is string => Boolean(email))
    .map((email) => email.toLowerCase());
  return {
    conversation,
    channelKind: channel?.kind ?? null,
    contactEmails: [...new Set(emails)],
    text,
    timeZone: account.time_zone,
    teamHours: teams.map((team) => ({
      teamId: team.id,
      timeZone: team.time_zone ?? account.time_zone,
      weekly: team.business_hours,
    })),
    now: props.now ?? new Date(),
  };
}

/** The customer's language and the values of every template variable for a conversation. */
export async function templateContext(
  db: Kysely<DB>,
  conversation: Conversation,
  agentUserId: string | null,
): Promise<{ language: "fr" | "en"; values: TemplateValues }> {
  const accountId = conversation.account_id;
  const account = await db
    .selectFrom("accounts")
    .select(["name", "locale", "public_name"])
    .where("id", "=", accountId)
    .executeTakeFirstOrThrow();
  // Customers read the business identity, when the account has one.
  const businessName = account.public_name ?? account.name;
  const contact = await db
    .selectFrom("contacts")
    .select(["name", "email", "locale"])
    .where("account_id", "=", accountId)
    .where("id", "=", conversation.contact_id)
    .executeTakeFirst();
  const agent = agentUserId
    ? await db
        .selectFrom("users")
        .select("name")
        .where("account_id", "=", accountId)
        .where("id", "=", agentUserId)
        .executeTakeFirst()
    : undefined;
  return {
    language: customerLanguage(conversation.language, contact?.locale, account.locale),
    values: {
      "contact.name": contact?.name ?? null,
      "contact.email": contact?.email ?? null,
      "conversation.number": String(conversation.number),
      "conversation.subject": conversation.subject,
      // Nobody holds the conversation yet: the company signs.
      "agent.name": agent?.name ?? businessName,
      "account.name": businessName,
    },
  };
}

/**
 * A canned reply as the customer of `conversation` should read it: in their language (or the
 * only one it was written in), its variables filled. `agentUserId` is who signs it: the agent
 * using it, or for a rule's automatic reply the conversation's assignee.
 */
export async function cannedReplyRenderer(
  db: Kysely<DB>,
  props: { reply: CannedReply; conversation: Conversation; agentUserId: string | null },
): Promise<{ language: "fr" | "en"; text: string }> {
  const context = await templateContext(db, props.conversation, props.agentUserId);
  const { language, body } = bodyFor(props.reply, context.language);
  return { language, text: renderTemplate(body, context.values).trim() };
}
