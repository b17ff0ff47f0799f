import { z } from "zod";
import { ZConversation, ZMessage } from "../../../../shared/schemas.ts";
import type { Actor } from "../../../auth/actor.ts";
import { conversationOrders } from "../../../backoffice/conversationOrders.ts";
import { conversationUpdater } from "../../../commands/conversationUpdater.ts";
import { deliveryRetrier } from "../../../commands/deliveryRetrier.ts";
import { replySender } from "../../../commands/replySender.ts";
import { notFound } from "../../../errors.ts";
import { loadConversationExtras } from "../../../models/conversationExtras.ts";
import {
  countInboxViews,
  listConversations,
  summarizeQueue,
} from "../../../models/conversationList.ts";
import {
  type ConversationRow,
  findRepeatOf,
  loadConversationRow,
  markConversationRead,
} from "../../../models/conversations.ts";
import { findMessageRow, listMessages } from "../../../models/messages.ts";
import { findPromiseOfMessage } from "../../../models/promises.ts";
import { resolveWarningsOf } from "../../../models/resolveWarnings.ts";
import { findSearchMatches } from "../../../models/searchMatches.ts";
import { authorize } from "../../../policies/index.ts";
import { presentConversation } from "../../../presenters/conversation.ts";
import { presentMessage } from "../../../presenters/message.ts";
import { presentPromise } from "../../../presenters/promise.ts";
import type { Services } from "../../../services.ts";
import { findConversationSurvey, presentConversationSurvey } from "../../../surveys/results.ts";
import { loadAuthorized, loadConversation } from "../../authorized.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import {
  ZConversationDetail,
  ZConversationListQuery,
  ZConversationListResponse,
  ZConversationUpdateRequest,
  ZInboxCounts,
  ZMessageCreated,
  ZMessageCreateRequest,
  ZMessageListQuery,
  ZMessageParams,
  ZQueueSummary,
} from "./schema.ts";

const tags = ["Conversations"];

/** The conversation as the agent sees it in the list and the header, once authorized. */
async function loadReadable(services: Services, actor: Actor, id: string) {
  const row = await loadConversationRow(services.db, actor.accountId, actor.userId, id);
  authorize(actor, "conversation.read", row);
  return row;
}

/** The conversations as presented, with their SLA clocks and open promises. */
async function presentRows(services: Services, actor: Actor, rows: ConversationRow[]) {
  const extras = await loadConversationExtras(
    services.db,
    actor.accountId,
    rows.map((row) => row.id),
  );
  return rows.map((row) => presentConversation(row, extras.get(row.id)));
}

/** One conversation as presented (404 when the actor may not read it). */
export async function presentOne(services: Services, actor: Actor, id: string) {
  const [presented] = await presentRows(services, actor, [await loadReadable(services, actor, id)]);
  if (!presented) throw notFound("Conversation");
  return presented;
}

async function presentMessageById(services: Services, actor: Actor, id: string) {
  const row = await findMessageRow(services.db, actor.accountId, id);
  if (!row) throw notFound("Message");
  return presentMessage(row, services.env.RELAIS_DELIVERY_MAX_ATTEMPTS);
}

export const conversationRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/conversations",
    summary: "List conversations with filters, full-text search, counts per status",
    tags,
    auth: "user",
    query: ZConversationListQuery,
    responseExtra: ZConversationListResponse,
    async handle({ services, actor, query }) {
      authorize(actor, "conversation.read");
      // A search reads on the read replica when there is one (DATABASE_READ_URL); a plain
      // list stays on the primary, so an agent sees at once what they just changed.
      const reader = query.q ? services.readDb : services.db;
      const page = await listConversations(reader, actor, query);
      const data = await presentRows(services, actor, page.rows);
      if (query.q) {
        const matches = await findSearchMatches(
          reader,
          actor.accountId,
          page.rows.map((row) => row.id),
          query.q,
        );
        for (const row of data) row.match = matches.get(row.id) ?? null;
      }
      return {
        data,
        nextCursor: page.nextCursor,
        counts: page.counts,
      };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/conversations/counts",
    summary: "Open conversations per inbox view: mine, unassigned, all, and per team",
    tags,
    auth: "user",
    response: ZInboxCounts,
    async handle({ services, actor }) {
      authorize(actor, "conversation.read");
      return { data: await countInboxViews(services.db, actor.accountId, actor.userId) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/conversations/queue",
    summary: "The open queue at a glance: unassigned waiting, oldest wait, urgent, SLA breaching",
    tags,
    auth: "user",
    response: ZQueueSummary,
    async handle({ services, actor }) {
      authorize(actor, "conversation.read");
      return { data: await summarizeQueue(services.db, actor.accountId) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/conversations/:id",
    summary: "A conversation with its messages",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZConversationDetail,
    async handle({ services, actor, params }) {
      const row = await loadReadable(services, actor, params.id);
      const page = await listMessages(services.db, actor.accountId, row.id, { limit: 500 });
      const inbound = page.rows.filter((message) => message.direction === "in");
      const orders = await conversationOrders(
        services.db,
        actor.accountId,
        row,
        inbound.map((message) => message.text),
      );
      const survey = await findConversationSurvey(services.db, actor.accountId, row.id);
      const repeatOf = await findRepeatOf(services.db, actor.accountId, row);
      const resolveWarnings =
        row.status === "resolved"
          ? []
          : await resolveWarningsOf(services.db, actor.accountId, row.id);
      const [conversation] = await presentRows(services, actor, [row]);
      return {
        data: {
          ...conversation,
          messages: page.rows.map((row) =>
            presentMessage(row, services.env.RELAIS_DELIVERY_MAX_ATTEMPTS),
          ),
          orders,
          survey: survey ? presentConversationSurvey(survey) : null,
          repeatOf,
          resolveWarnings,
        },
      };
    },
  }),

  defineRoute({
    method: "PATCH",
    url: "/api/v1/conversations/:id",
    summary: "Change status, priority, assignee, team, snooze, category or labels",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZConversationUpdateRequest,
    response: ZConversation,
    async handle({ services, actor, params, body }) {
      const conversation = await loadConversation(
        services.db,
        actor,
        "conversation.update",
        params.id,
      );
      if (body.assigneeId !== undefined || body.teamId !== undefined) {
        authorize(actor, "conversation.assign", conversation);
      }
      await conversationUpdater(services.db, { actor, conversationId: params.id, changes: body });
      return { data: await presentOne(services, actor, params.id) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/conversations/:id/read",
    summary: "Mark the conversation as read by the current agent",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZConversation,
    async handle({ services, actor, params }) {
      const row = await loadReadable(services, actor, params.id);
      await markConversationRead(services.db, actor.accountId, row.id, actor.userId);
      return { data: await presentOne(services, actor, params.id) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/conversations/:id/messages",
    summary: "The conversation's messages and internal notes, oldest first",
    tags,
    auth: "user",
    params: ZIdParams,
    query: ZMessageListQuery,
    response: z.array(ZMessage),
    responseExtra: { nextCursor: z.string().optional() },
    async handle({ services, actor, params, query }) {
      const row = await loadReadable(services, actor, params.id);
      const page = await listMessages(services.db, actor.accountId, row.id, query);
      return {
        data: page.rows.map((row) =>
          presentMessage(row, services.env.RELAIS_DELIVERY_MAX_ATTEMPTS),
        ),
        nextCursor: page.nextCursor,
      };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/conversations/:id/messages",
    summary: "Reply to the customer on the conversation's channel, or add an internal note",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZMessageCreateRequest,
    response: ZMessageCreated,
    status: 201,
    async handle({ services, actor, params, body }) {
      const action = body.kind === "note" ? "conversation.note" : "conversation.reply";
      const conversation = await loadAuthorized(
        services.db,
        actor,
        action,
        "conversations",
        params.id,
      );
      const message = await replySender(services, {
        actor,
        conversationId: conversation.id,
        text: body.text,
        kind: body.kind,
        visibility: body.visibility,
        template: body.template,
        attachmentIds: body.attachmentIds,
        mentions: body.mentions,
        email: body.email,
        nextStep: body.nextStep && {
          text: body.nextStep.text,
          dueAt: new Date(body.nextStep.dueAt),
          followUp: body.nextStep.followUp,
        },
      });
      const promise = await findPromiseOfMessage(services.db, actor.accountId, message.id);
      return {
        data: {
          ...(await presentMessageById(services, actor, message.id)),
          promise: promise ? presentPromise(promise) : null,
        },
      };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/conversations/:id/messages/:messageId/retry",
    summary: "Send a failed message again",
    tags,
    auth: "user",
    params: ZMessageParams,
    response: ZMessage,
    async handle({ services, actor, params }) {
      const conversation = await loadConversation(
        services.db,
        actor,
        "conversation.reply",
        params.id,
      );
      await deliveryRetrier(services, {
        actor,
        conversationId: conversation.id,
        messageId: params.messageId,
      });
      return { data: await presentMessageById(services, actor, params.messageId) };
    },
  }),
];
