import { z } from "zod";
import type { Actor } from "../../../auth/actor.ts";
import { callbackBooker } from "../../../callbacks/booker.ts";
import { businessHoursFor } from "../../../callbacks/businessHours.ts";
import { callStarter } from "../../../callbacks/callStarter.ts";
import { availableSlots } from "../../../callbacks/model.ts";
import { presentCallbacks } from "../../../callbacks/present.ts";
import { callbackUpdater } from "../../../callbacks/updater.ts";
import type { Callback } from "../../../db/schema.ts";
import { listCallbacks, viewerTimeZone } from "../../../models/callbacks.ts";
import { loadOwned } from "../../../models/owned.ts";
import { authorize } from "../../../policies/index.ts";
import type { Services } from "../../../services.ts";
import { loadAuthorized, loadConversation } from "../../authorized.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import {
  ZCallback,
  ZCallbackCallQuery,
  ZCallbackCreateRequest,
  ZCallbackListQuery,
  ZCallbackUpdateRequest,
  ZSlot,
  ZSlotsQuery,
} from "./schema.ts";

const tags = ["Callbacks"];

async function present(services: Services, actor: Actor, rows: Callback[]) {
  const viewer = await viewerTimeZone(services.db, actor.accountId, actor.userId);
  return presentCallbacks(services.db, actor.accountId, rows, viewer);
}

export const callbackRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/callbacks",
    summary:
      "Upcoming callbacks (or by status), each with the customer's, the team's and your local time",
    tags,
    auth: "user",
    query: ZCallbackListQuery,
    response: z.array(ZCallback),
    async handle({ services, actor, query }) {
      authorize(actor, "conversation.read");
      const rows = await listCallbacks(services.db, actor.accountId, {
        status: query.status,
        conversationId: query.conversationId,
        assigneeId: query.assigneeId === "me" ? actor.userId : query.assigneeId,
        from: query.from ? new Date(query.from) : undefined,
        limit: query.limit,
      });
      return { data: await present(services, actor, rows) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/callback-slots",
    summary: "Free callback times within the team's business hours, shown in the given zone",
    tags,
    auth: "user",
    query: ZSlotsQuery,
    response: z.array(ZSlot),
    async handle({ services, actor, query }) {
      authorize(actor, "conversation.read");
      // Another account's (or no) team is not found, rather than quietly replaced by ours.
      if (query.teamId) await loadOwned(services.db, "teams", actor.accountId, query.teamId);
      const hours = await businessHoursFor(services.db, actor.accountId, query.teamId);
      const zone =
        query.timeZone ??
        (await viewerTimeZone(services.db, actor.accountId, actor.userId)).timeZone;
      return {
        data: await availableSlots(services.db, actor.accountId, hours, zone, { days: query.days }),
      };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/callbacks",
    summary: "Book a callback for the customer of a conversation (they are told on their channel)",
    tags,
    auth: "user",
    body: ZCallbackCreateRequest,
    response: ZCallback,
    status: 201,
    async handle({ services, actor, body }) {
      const conversation = await loadConversation(
        services.db,
        actor,
        "conversation.reply",
        body.conversationId,
      );
      const callback = await callbackBooker(services, { actor, conversation, request: body });
      const [data] = await present(services, actor, [callback]);
      return { data };
    },
  }),

  defineRoute({
    method: "PATCH",
    url: "/api/v1/callbacks/:id",
    summary: "Reschedule (within business hours), cancel or reassign a callback",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZCallbackUpdateRequest,
    response: ZCallback,
    async handle({ services, actor, params, body }) {
      const current = await loadAuthorized(
        services.db,
        actor,
        "conversation.update",
        "callbacks",
        params.id,
      );
      const callback = await callbackUpdater(services, {
        actor,
        callbackId: current.id,
        changes: {
          scheduledAt: body.scheduledAt ? new Date(body.scheduledAt) : undefined,
          customerTimeZone: body.timeZone,
          status: body.status,
          assigneeId: body.assigneeId,
          notifyCustomer: body.notifyCustomer,
        },
      });
      const [data] = await present(services, actor, [callback]);
      return { data };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/callbacks/:id/call",
    summary:
      "Call the customer now through the phone channel (Twilio); progress is logged in the conversation",
    tags,
    auth: "user",
    params: ZIdParams,
    query: ZCallbackCallQuery,
    response: ZCallback,
    async handle({ services, actor, params, query }) {
      const current = await loadAuthorized(
        services.db,
        actor,
        "conversation.reply",
        "callbacks",
        params.id,
      );
      const { callback } = await callStarter(services, {
        actor,
        callbackId: current.id,
        channelId: query.channelId,
      });
      const [data] = await present(services, actor, [callback]);
      return { data };
    },
  }),
];
