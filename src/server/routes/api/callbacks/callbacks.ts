import { z } from "zod";
import type { Actor } from "../../../auth/actor.ts";
import { businessHoursFor } from "../../../callbacks/businessHours.ts";
import { callStarter } from "../../../callbacks/callStarter.ts";
import { callbackNotice } from "../../../callbacks/customerNotice.ts";
import { availableSlots } from "../../../callbacks/model.ts";
import { presentCallbacks } from "../../../callbacks/present.ts";
import { callbackRequester } from "../../../callbacks/requester.ts";
import { callbackUpdater } from "../../../callbacks/updater.ts";
import type { Callback } from "../../../db/schema.ts";
import { notFound, unprocessable } from "../../../errors.ts";
import { findConversation } from "../../../models/conversations.ts";
import { authorize } from "../../../policies/index.ts";
import type { Services } from "../../../services.ts";
import { defineRoute, ZId, ZIdParams } from "../../route.ts";
import {
  ZCallback,
  ZCallbackCreateRequest,
  ZCallbackListQuery,
  ZCallbackUpdateRequest,
  ZSlot,
  ZSlotsQuery,
} from "./schema.ts";

const tags = ["Callbacks"];

async function viewerZone(services: Services, actor: Actor) {
  const row = await services.db
    .selectFrom("users as u")
    .innerJoin("accounts as a", "a.id", "u.account_id")
    .select(["u.time_zone", "a.time_zone as account_time_zone"])
    .where("u.account_id", "=", actor.accountId)
    .where("u.id", "=", actor.userId)
    .executeTakeFirstOrThrow();
  return { timeZone: row.time_zone ?? row.account_time_zone };
}

async function present(services: Services, actor: Actor, row: Callback) {
  const [callback] = await presentCallbacks(
    services.db,
    actor.accountId,
    [row],
    await viewerZone(services, actor),
  );
  return callback;
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
      const rows = await services.db
        .selectFrom("callbacks")
        .selectAll()
        .where("account_id", "=", actor.accountId)
        .where("status", "in", query.status ?? ["scheduled", "calling", "to_reschedule"])
        .$if(Boolean(query.conversationId), (q) =>
          q.where("conversation_id", "=", query.conversationId ?? ""),
        )
        .$if(Boolean(query.assigneeId), (q) =>
          q.where(
            "assignee_id",
            "=",
            query.assigneeId === "me" ? actor.userId : (query.assigneeId ?? ""),
          ),
        )
        .$if(Boolean(query.from), (q) => q.where("scheduled_at", ">=", new Date(query.from ?? 0)))
        .orderBy("scheduled_at", "asc")
        .orderBy("id")
        .limit(query.limit)
        .execute();
      return {
        data: await presentCallbacks(
          services.db,
          actor.accountId,
          rows,
          await viewerZone(services, actor),
        ),
      };
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
      const hours = await businessHoursFor(services.db, actor.accountId, query.teamId);
      const zone = query.timeZone ?? (await viewerZone(services, actor)).timeZone;
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
      const conversation = await findConversation(
        services.db,
        actor.accountId,
        body.conversationId,
      );
      if (!conversation) throw notFound("Conversation");
      authorize(actor, "conversation.reply", conversation);
      const contact = await services.db
        .selectFrom("contacts as ct")
        .innerJoin("accounts as a", "a.id", "ct.account_id")
        .select(["ct.phone", "ct.time_zone", "a.time_zone as account_time_zone"])
        .where("ct.account_id", "=", actor.accountId)
        .where("ct.id", "=", conversation.contact_id)
        .executeTakeFirstOrThrow();
      const phone = body.phone ?? contact.phone;
      if (!phone)
        throw unprocessable("phone_required", "The customer has no phone number: give one.");
      const callback = await callbackRequester(services, {
        accountId: actor.accountId,
        conversationId: conversation.id,
        phone,
        region: body.region,
        scheduledAt: new Date(body.scheduledAt),
        customerTimeZone: body.timeZone ?? contact.time_zone ?? contact.account_time_zone,
        source: actor.via === "token" ? "api" : "agent",
        teamId: body.teamId,
        assigneeId: body.assigneeId,
        note: body.note,
        actorUserId: actor.userId,
      });
      if (body.notifyCustomer) {
        await callbackNotice(services, {
          accountId: actor.accountId,
          callbackId: callback.id,
          kind: "confirmed",
          actorUserId: actor.userId,
        });
      }
      return { data: await present(services, actor, callback) };
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
      const callback = await callbackUpdater(services, {
        actor,
        callbackId: params.id,
        changes: {
          scheduledAt: body.scheduledAt ? new Date(body.scheduledAt) : undefined,
          customerTimeZone: body.timeZone,
          status: body.status,
          assigneeId: body.assigneeId,
          notifyCustomer: body.notifyCustomer,
        },
      });
      return { data: await present(services, actor, callback) };
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
    query: z.object({ channelId: ZId.optional() }),
    response: ZCallback,
    async handle({ services, actor, params, query }) {
      const { callback } = await callStarter(services, {
        actor,
        callbackId: params.id,
        channelId: query.channelId,
      });
      return { data: await present(services, actor, callback) };
    },
  }),
];
