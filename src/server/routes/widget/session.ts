import { attachmentLinker } from "../../attachments/links.ts";
import { agentsAvailable } from "../../auth/presence.ts";
import { currentConversationId, widgetHistory } from "../../channels/chat/messages.ts";
import { widgetEmailCapturer } from "../../commands/widgetEmailCapturer.ts";
import { widgetSessionOpener } from "../../commands/widgetSessionOpener.ts";
import { hasEmailChannel } from "../../models/channels.ts";
import { presentWidgetSession } from "../../presenters/widget.ts";
import { defineRoute } from "../route.ts";
import {
  ZWidgetEmail,
  ZWidgetEmailRequest,
  ZWidgetHistory,
  ZWidgetHistoryQuery,
  ZWidgetParams,
  ZWidgetSession,
  ZWidgetSessionRequest,
} from "./schema.ts";

const tags = ["Widget"];

/** Session, history and email capture for the visitor's widget. */
export const widgetSessionRoutes = [
  defineRoute({
    method: "POST",
    url: "/widget/:channelId/session",
    summary:
      "Open the visitor's chat session, or resume it with their token; the host site may vouch for a signed-in user",
    tags,
    auth: "widget",
    params: ZWidgetParams,
    body: ZWidgetSessionRequest,
    response: ZWidgetSession,
    rateLimit: { max: 30, windowSeconds: 60 },
    async handle({ services, channel, body }) {
      const opened = await widgetSessionOpener(services, { channel, request: body });
      const accountId = opened.session.account_id;
      return {
        data: presentWidgetSession(channel, opened, {
          conversationId: await currentConversationId(services.db, opened.session),
          agentsAvailable: await agentsAvailable(services.db, accountId),
          emailFallback: await hasEmailChannel(services.db, accountId),
        }),
      };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/widget/:channelId/messages",
    summary: "The visitor's history across page loads, or what came after a cursor",
    tags,
    auth: "visitor",
    params: ZWidgetParams,
    query: ZWidgetHistoryQuery,
    response: ZWidgetHistory,
    async handle({ services, session, query }) {
      const links = attachmentLinker(services);
      return { data: await widgetHistory(services.db, session, { after: query.after }, links) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/widget/:channelId/email",
    summary: "Leave an email address for an answer when no agent is there",
    tags,
    auth: "visitor",
    params: ZWidgetParams,
    body: ZWidgetEmailRequest,
    response: ZWidgetEmail,
    async handle({ services, session, body }) {
      const email = await widgetEmailCapturer(services.db, { session, email: body.email });
      return {
        data: { email, emailFallback: await hasEmailChannel(services.db, session.account_id) },
      };
    },
  }),
];
