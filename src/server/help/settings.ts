import type { Kysely } from "kysely";
import type { THelpCentreSettings, THelpCentreSettingsUpdate } from "../../shared/articles.ts";
import type { Actor } from "../auth/actor.ts";
import { changeRecorder } from "../commands/changeRecorder.ts";
import type { HelpCentreSettings } from "../db/schema/help.ts";
import type { DB } from "../db/schema.ts";
import { validationFailed } from "../errors.ts";

export const HELP_DEFAULTS: THelpCentreSettings = {
  name: null,
  primaryColour: "#1864ab",
  logoUrl: null,
  showChat: true,
  showEmail: true,
  showPhone: true,
  showSocial: true,
  chatChannelId: null,
  email: null,
  phone: null,
  phoneTeamId: null,
  social: [],
};

function fromRow(row: HelpCentreSettings | undefined): THelpCentreSettings {
  if (!row) return HELP_DEFAULTS;
  return {
    name: row.name,
    primaryColour: row.primary_colour,
    logoUrl: row.logo_url,
    showChat: row.show_chat,
    showEmail: row.show_email,
    showPhone: row.show_phone,
    showSocial: row.show_social,
    chatChannelId: row.chat_channel_id,
    email: row.email,
    phone: row.phone,
    phoneTeamId: row.phone_team_id,
    social: (row.social ?? []) as unknown as THelpCentreSettings["social"],
  };
}

/** The account's help-centre settings (the defaults until someone saves them). */
export async function loadHelpSettings(
  db: Kysely<DB>,
  accountId: string,
): Promise<THelpCentreSettings> {
  const row = await db
    .selectFrom("help_centre_settings")
    .selectAll()
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return fromRow(row);
}

/** Saves changed settings over the current ones, with the audit entry, in one transaction. */
export async function helpSettingsSaver(
  db: Kysely<DB>,
  props: { actor: Actor; changes: THelpCentreSettingsUpdate },
): Promise<THelpCentreSettings> {
  const { actor, changes } = props;
  await checkReferences(db, actor.accountId, changes);
  const current = await loadHelpSettings(db, actor.accountId);
  const next = { ...current, ...changes };
  const values = {
    account_id: actor.accountId,
    name: next.name || null,
    primary_colour: next.primaryColour,
    logo_url: next.logoUrl,
    show_chat: next.showChat,
    show_email: next.showEmail,
    show_phone: next.showPhone,
    show_social: next.showSocial,
    chat_channel_id: next.chatChannelId,
    email: next.email || null,
    phone: next.phone || null,
    phone_team_id: next.phoneTeamId,
    social: JSON.stringify(next.social),
    updated_at: new Date(),
  };
  const saved = await changeRecorder(db, {
    actor,
    action: "help_centre.update",
    subjectType: "help_centre",
    write: async (trx) => {
      const row = await trx
        .insertInto("help_centre_settings")
        .values(values)
        .onConflict((oc) => oc.column("account_id").doUpdateSet(values))
        .returningAll()
        .executeTakeFirstOrThrow();
      return { ...row, id: row.account_id };
    },
    data: () => ({ changes: Object.keys(changes) }),
    event: () => ({ name: "account.updated", payload: { changes: ["helpCentre"] } }),
  });
  return fromRow(saved);
}

/** The chat channel and team named must be the account's own (400 otherwise). */
async function checkReferences(
  db: Kysely<DB>,
  accountId: string,
  changes: THelpCentreSettingsUpdate,
): Promise<void> {
  if (changes.chatChannelId) {
    const channel = await db
      .selectFrom("channels")
      .select("id")
      .where("account_id", "=", accountId)
      .where("id", "=", changes.chatChannelId)
      .where("kind", "=", "chat")
      .executeTakeFirst();
    if (!channel) throw validationFailed('Invalid field "chatChannelId": no such chat channel.');
  }
  if (changes.phoneTeamId) {
    const team = await db
      .selectFrom("teams")
      .select("id")
      .where("account_id", "=", accountId)
      .where("id", "=", changes.phoneTeamId)
      .executeTakeFirst();
    if (!team) throw validationFailed('Invalid field "phoneTeamId": no such team.');
  }
}
