import { attachmentLinker } from "../../attachments/links.ts";
import { businessHoursFor } from "../../callbacks/businessHours.ts";
import { availableSlots } from "../../callbacks/model.ts";
import type { ChatChannel } from "../../channels/chat/config.ts";
import { widgetMessage } from "../../channels/chat/messages.ts";
import { widgetCallbackRequester } from "../../commands/widgetCallbackRequester.ts";
import { notFound } from "../../errors.ts";
import { presentWidgetCallback } from "../../presenters/widget.ts";
import { defineRoute } from "../route.ts";
import {
  ZWidgetCallback,
  ZWidgetCallbackRequest,
  ZWidgetParams,
  ZWidgetSlots,
  ZWidgetSlotsQuery,
} from "./schema.ts";

const tags = ["Widget"];

function callbacksEnabled(channel: ChatChannel) {
  if (!channel.config.callbackEnabled) throw notFound("Callbacks on this chat");
}

/** Callback slots in the visitor's zone, and the visitor's callback request. */
export const widgetCallbackRoutes = [
  defineRoute({
    method: "GET",
    url: "/widget/:channelId/callback-slots",
    summary: "Free callback slots of the next days, in the visitor's time zone",
    tags,
    auth: "widget",
    params: ZWidgetParams,
    query: ZWidgetSlotsQuery,
    response: ZWidgetSlots,
    async handle({ services, channel, query }) {
      callbacksEnabled(channel);
      const accountId = channel.row.account_id;
      const hours = await businessHoursFor(services.db, accountId, channel.config.callbackTeamId, {
        fallback: true,
      });
      const timeZone = query.tz ?? hours.timeZone;
      return {
        data: {
          timeZone,
          teamTimeZone: hours.timeZone,
          slots: await availableSlots(services.db, accountId, hours, timeZone, {
            days: query.days,
          }),
        },
      };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/widget/:channelId/callbacks",
    summary:
      "Ask to be called back at a free slot: 201 when booked, 200 when the same request was already booked",
    tags,
    auth: "visitor",
    params: ZWidgetParams,
    body: ZWidgetCallbackRequest,
    response: ZWidgetCallback,
    status: 201,
    rateLimit: { max: 10, windowSeconds: 60 },
    async handle({ services, channel, session, body, reply }) {
      callbacksEnabled(channel);
      const booked = await widgetCallbackRequester(services, { channel, session, request: body });
      const links = attachmentLinker(services);
      const message = await widgetMessage(services.db, session, booked.messageId, links);
      if (!booked.created) reply.status(200);
      return { data: presentWidgetCallback(booked.callback, message) };
    },
  }),
];
