import { loadRepeatSettings, repeatSettingsUpdater } from "../../../customers/repeatSettings.ts";
import { authorize } from "../../../policies/index.ts";
import { defineRoute } from "../../route.ts";
import { ZRepeatSettings, ZRepeatSettingsUpdate } from "./schema.ts";

const tags = ["Contacts"];

/** How a customer back about the same problem is recognised and handled (issue 14). */
export const repeatSettingsRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/repeats/settings",
    summary: "The repeat window (days) and what a repeat does: link, or reopen",
    tags,
    auth: "user",
    response: ZRepeatSettings,
    async handle({ services, actor }) {
      authorize(actor, "repeat_settings.read");
      return { data: await loadRepeatSettings(services.db, actor.accountId) };
    },
  }),

  defineRoute({
    method: "PATCH",
    url: "/api/v1/repeats/settings",
    summary: "Change the repeat window (1 to 90 days) or what a repeat does (admins)",
    tags,
    auth: "user",
    body: ZRepeatSettingsUpdate,
    response: ZRepeatSettings,
    async handle({ services, actor, body }) {
      authorize(actor, "repeat_settings.manage");
      return { data: await repeatSettingsUpdater(services.db, { actor, changes: body }) };
    },
  }),
];
