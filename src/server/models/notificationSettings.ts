import type { Kysely } from "kysely";
import {
  NOTIFICATION_SETTING_KINDS,
  type TNotificationSetting,
} from "../../shared/notifications.ts";
import type { DB } from "../db/schema.ts";

/** Every kind rings in the app and none is emailed until the agent says otherwise. */
export const DEFAULT_SETTING = { inApp: true, email: false } as const;

/** The agent's choice for every kind, the default where they made none. */
export async function notificationSettingsOf(
  db: Kysely<DB>,
  accountId: string,
  userId: string,
): Promise<TNotificationSetting[]> {
  const rows = await db
    .selectFrom("notification_settings")
    .select(["kind", "in_app", "email"])
    .where("account_id", "=", accountId)
    .where("user_id", "=", userId)
    .execute();
  const byKind = new Map(rows.map((row) => [row.kind, row]));
  return NOTIFICATION_SETTING_KINDS.map((kind) => {
    const row = byKind.get(kind);
    return row ? { kind, inApp: row.in_app, email: row.email } : { kind, ...DEFAULT_SETTING };
  });
}

/** Among `userIds`, those who asked for `kind` by email (and not only in the app). */
export async function emailRecipients(
  db: Kysely<DB>,
  accountId: string,
  kind: string,
  userIds: readonly string[],
): Promise<Array<{ id: string; email: string; name: string; locale: string | null }>> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom("notification_settings as s")
    .innerJoin("users as u", (join) =>
      join.onRef("u.account_id", "=", "s.account_id").onRef("u.id", "=", "s.user_id"),
    )
    .select(["u.id", "u.email", "u.name", "u.locale"])
    .where("s.account_id", "=", accountId)
    .where("s.kind", "=", kind)
    .where("s.email", "=", true)
    .where("s.user_id", "in", [...userIds])
    .where("u.disabled_at", "is", null)
    .execute();
}
