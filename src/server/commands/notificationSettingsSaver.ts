import { sql } from "kysely";
import type { TNotificationSetting } from "../../shared/notifications.ts";
import type { Actor } from "../auth/actor.ts";
import { recordAudit } from "../events/outbox.ts";
import { notificationSettingsOf } from "../models/notificationSettings.ts";
import type { Services } from "../services.ts";

/**
 * Saves the actor's own choices (the kinds given; the others keep theirs) with an audit entry,
 * in one transaction, and answers every kind's setting as it now stands.
 */
export async function notificationSettingsSaver(
  services: Pick<Services, "db">,
  props: { actor: Actor; settings: readonly TNotificationSetting[] },
): Promise<TNotificationSetting[]> {
  const { actor } = props;
  const latest = new Map(props.settings.map((setting) => [setting.kind, setting]));
  await services.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("notification_settings")
      .values(
        [...latest.values()].map((setting) => ({
          account_id: actor.accountId,
          user_id: actor.userId,
          kind: setting.kind,
          in_app: setting.inApp,
          email: setting.email,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["account_id", "user_id", "kind"]).doUpdateSet({
          in_app: sql`excluded.in_app`,
          email: sql`excluded.email`,
          updated_at: sql`now()`,
        }),
      )
      .execute();
    await recordAudit(trx, {
      accountId: actor.accountId,
      actorUserId: actor.userId,
      action: "notification_settings.update",
      subjectType: "user",
      subjectId: actor.userId,
      data: { settings: [...latest.values()] },
    });
  });
  return notificationSettingsOf(services.db, actor.accountId, actor.userId);
}
