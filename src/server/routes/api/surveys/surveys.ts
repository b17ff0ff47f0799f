import { z } from "zod";
import { surveySettingsUpdater } from "../../../commands/surveySettingsUpdater.ts";
import { authorize } from "../../../policies/index.ts";
import {
  effortReport,
  listSurveyResponses,
  presentSurveyResponse,
} from "../../../surveys/results.ts";
import { loadSurveySettings } from "../../../surveys/settings.ts";
import { defineRoute } from "../../route.ts";
import {
  ZEffortQuery,
  ZEffortReport,
  ZSurveyResponse,
  ZSurveyResponsesQuery,
  ZSurveySettings,
} from "./schema.ts";

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

  defineRoute({
    method: "GET",
    url: "/api/v1/surveys/responses",
    summary: "Survey answers, newest first, with their conversation, channel, team and assignee",
    tags,
    auth: "user",
    query: ZSurveyResponsesQuery,
    response: z.array(ZSurveyResponse),
    responseExtra: { nextCursor: z.string().optional() },
    async handle({ services, actor, query }) {
      authorize(actor, "survey.read");
      const page = await listSurveyResponses(services.db, actor.accountId, query);
      return { data: page.rows.map(presentSurveyResponse), nextCursor: page.nextCursor };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/reports/effort",
    summary:
      "Effort figures of the resolutions in a period: CES, CSAT, response rate, contacts per resolution, first-contact resolution, reopen and channel-switch rates",
    tags: ["Reports"],
    auth: "user",
    query: ZEffortQuery,
    response: ZEffortReport,
    async handle({ services, actor, query }) {
      authorize(actor, "survey.read");
      return { data: await effortReport(services.db, actor.accountId, query) };
    },
  }),
];
