import { nextConversationNumber } from "../../src/server/models/conversations.ts";
import type { Services } from "../../src/server/services.ts";
import { createAccount, createApiChannel } from "./factories.ts";

/** Paris office hours, Monday to Friday, 9:00 to 18:00. */
export const PARIS_WEEKDAYS = {
  mon: [["09:00", "18:00"]],
  tue: [["09:00", "18:00"]],
  wed: [["09:00", "18:00"]],
  thu: [["09:00", "18:00"]],
  fri: [["09:00", "18:00"]],
};

/** A fresh account with an API channel and a team on Paris office hours: the ids the SLA tests use. */
export async function parisTeamAccount(services: Services) {
  const { account, user } = await createAccount(services);
  const { channel } = await createApiChannel(services, account.id);
  const team = await services.db
    .insertInto("teams")
    .values({
      account_id: account.id,
      name: "Paris",
      time_zone: "Europe/Paris",
      business_hours: JSON.stringify(PARIS_WEEKDAYS),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { accountId: account.id, userId: user.id, channelId: channel.id, teamId: team.id };
}

export type ParisTeamIds = Awaited<ReturnType<typeof parisTeamAccount>>;

/**
 * A conversation on the account's channel and team, opened by Zoé's message at `at` (one
 * transaction, as an inbound message makes it).
 */
export async function openedConversation(
  services: Services,
  ids: Pick<ParisTeamIds, "accountId" | "channelId" | "teamId">,
  at: Date,
  contact: {
    locale?: "fr" | "en";
    timeZone?: string;
    visibility?: "public" | "private";
    text?: string;
  } = {},
) {
  return services.db.transaction().execute(async (trx) => {
    const person = await trx
      .insertInto("contacts")
      .values({
        account_id: ids.accountId,
        name: "Zoé",
        locale: contact.locale ?? null,
        time_zone: contact.timeZone ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto("conversations")
      .values({
        account_id: ids.accountId,
        number: await nextConversationNumber(trx, ids.accountId),
        contact_id: person.id,
        channel_id: ids.channelId,
        team_id: ids.teamId,
        visibility: contact.visibility ?? "private",
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const message = await trx
      .insertInto("messages")
      .values({
        account_id: ids.accountId,
        conversation_id: row.id,
        channel_id: ids.channelId,
        direction: "in",
        author_contact_id: person.id,
        text: contact.text ?? "Bonjour, ma commande n'est pas arrivée",
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { id: row.id, messageId: message.id, contactId: person.id };
  });
}
