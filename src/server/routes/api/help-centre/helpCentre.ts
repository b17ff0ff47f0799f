import { articlesReadFor } from "../../../help/engagement.ts";
import { helpSettingsSaver, loadHelpSettings } from "../../../help/settings.ts";
import { helpBase } from "../../../help/urls.ts";
import { unansweredSearches } from "../../../models/articles.ts";
import { authorize } from "../../../policies/index.ts";
import { presentArticleRead, presentUnansweredSearch } from "../../../presenters/article.ts";
import { defineConversationListRoute, defineListRoute } from "../../resourceRoutes.ts";
import { defineRoute } from "../../route.ts";
import {
  ZArticleRead,
  ZHelpCentre,
  ZHelpCentreSettingsUpdate,
  ZUnansweredSearch,
} from "./schema.ts";

const tags = ["Help centre"];

export const helpCentreRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/help-centre",
    summary: "The help centre's public address, look and the contact options it shows",
    tags,
    auth: "user",
    response: ZHelpCentre,
    async handle({ services, actor }) {
      authorize(actor, "article.read");
      const settings = await loadHelpSettings(services.db, actor.accountId);
      const url = await helpBase(services.db, services.env, actor.accountId);
      return { data: { ...settings, url } };
    },
  }),

  defineRoute({
    method: "PATCH",
    url: "/api/v1/help-centre",
    summary:
      "Change the help centre's name, colour, logo and contact options (supervisors, admins)",
    tags,
    auth: "user",
    body: ZHelpCentreSettingsUpdate,
    response: ZHelpCentre,
    async handle({ services, actor, body }) {
      authorize(actor, "helpCentre.manage");
      const settings = await helpSettingsSaver(services.db, { actor, changes: body });
      const url = await helpBase(services.db, services.env, actor.accountId);
      return { data: { ...settings, url } };
    },
  }),

  defineListRoute({
    url: "/api/v1/help-centre/unanswered-searches",
    summary:
      "What customers searched for in the help centre and did not find (30 days), most asked first",
    tags,
    action: "article.read",
    item: ZUnansweredSearch,
    list: (db, actor) => unansweredSearches(db, actor.accountId),
    present: presentUnansweredSearch,
  }),

  defineConversationListRoute({
    url: "/api/v1/conversations/:id/articles-read",
    summary: "The help-centre articles the customer opened in the chat widget, latest first",
    tags,
    item: ZArticleRead,
    list: (db, conversation) => articlesReadFor(db, conversation),
    present: presentArticleRead,
  }),
];
