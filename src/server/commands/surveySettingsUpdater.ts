import type { Kysely } from "kysely";
import type { TSurveySettings } from "../../shared/surveys.ts";
import type { DB } from "../db/schema.ts";
import { recordAudit } from "../events/outbox.ts";

/**
 * Saves the account's survey settings, whole, with an audit entry in the same transaction.
 * The caller has authorized the actor to manage them.
 */
export async function surveySettingsUpdater(
  db: Kysely<DB>,
  props: { actor: { accountId: string; userId: string | null }; settings: TSurveySettings },
): Promise<TSurveySettings> {
  const { actor, settings } = props;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("survey_settings")
      .values({ account_id: actor.accountId, settings: JSON.stringify(settings) })
      .onConflict((conflict) =>
        conflict
          .column("account_id")
          .doUpdateSet({ settings: JSON.stringify(settings), updated_at: new Date() }),
      )
      .execute();
    await recordAudit(trx, {
      accountId: actor.accountId,
      actorUserId: actor.userId,
      action: "survey_settings.update",
      subjectType: "survey_settings",
      subjectId: null,
      data: { enabled: settings.enabled, ask: settings.ask, delayMinutes: settings.delayMinutes },
    });
  });
  return settings;
}
