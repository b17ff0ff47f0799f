import type { Kysely } from "kysely";
import {
  DEFAULT_SURVEY_SETTINGS,
  type TSurveySettings,
  ZSurveySettings,
} from "../../shared/surveys.ts";
import type { DB } from "../db/schema.ts";

/**
 * The account's survey settings: what it saved, over the defaults (so a setting added later
 * takes its default for accounts that saved before it existed).
 */
export async function loadSurveySettings(
  db: Kysely<DB>,
  accountId: string,
): Promise<TSurveySettings> {
  const row = await db
    .selectFrom("survey_settings")
    .select("settings")
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  if (!row) return DEFAULT_SURVEY_SETTINGS;
  const saved = row.settings as Partial<TSurveySettings>;
  const merged = {
    ...DEFAULT_SURVEY_SETTINGS,
    ...saved,
    lowScore: { ...DEFAULT_SURVEY_SETTINGS.lowScore, ...saved.lowScore },
    questions: {
      fr: { ...DEFAULT_SURVEY_SETTINGS.questions.fr, ...saved.questions?.fr },
      en: { ...DEFAULT_SURVEY_SETTINGS.questions.en, ...saved.questions?.en },
    },
  };
  const parsed = ZSurveySettings.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SURVEY_SETTINGS;
}
