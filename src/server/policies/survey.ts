import { isAdmin, isSupervisor } from "./roles.ts";

/** Admins decide what customers are asked; supervisors and admins read what they answered. */
export const surveyRules = {
  "survey_settings.read": isAdmin,
  "survey_settings.manage": isAdmin,
  "survey.read": isSupervisor,
};
