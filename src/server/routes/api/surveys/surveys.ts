import { surveySettingsUpdater } from "../../../commands/surveySettingsUpdater.ts";
import { authorize } from "../../../policies/index.ts";
import { loadSurveySettings } from "../../../surveys/settings.ts";
import { defineRoute } from "../../route.ts";
import { ZSurveySettings } from "./schema.ts";

const tags = ["Surveys"];

/** What customers are asked after a resolution (CES, CSAT), and when. */
export const surveyRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/surveys/settings",
    summary: "The survey settings, with the default wording in French and English (admins)",
    tags,
    auth: "user",
    response: ZSurveySettings,
    async handle({ services, actor }) {
      authorize(actor, "survey_settings.read");
      return { data: await loadSurveySettings(services.db, actor.accountId) };
    },
  }),

  defineRoute({
    method: "PUT",
    url: "/api/v1/surveys/settings",
    summary: "Replace the survey settings (admins)",
    tags,
    auth: "user",
    body: ZSurveySettings,
    response: ZSurveySettings,
    async handle({ services, actor, body }) {
      authorize(actor, "survey_settings.manage");
      return { data: await surveySettingsUpdater(services.db, { actor, settings: body }) };
    },
  }),
];
