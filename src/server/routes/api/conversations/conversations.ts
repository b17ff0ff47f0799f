import { z } from "zod";
import { ZConversation, ZMessage } from "../../../../shared/schemas.ts";
import type { Actor } from "../../../auth/actor.ts";
import { conversationUpdater } from "../../../commands/conversationUpdater.ts";
import { deliveryRetrier } from "../../../commands/deliveryRetrier.ts";
import { replySender } from "../../../commands/replySender.ts";
import { notFound } from "../../../errors.ts";
import { listConversations } from "../../../models/conversationList.ts";
import { findConversationRow } from "../../../models/conversations.ts";
import { findMessageRow, selectMessageRows } from "../../../models/messages.ts";
import { authorize } from "../../../policies/index.ts";
import { presentConversation } from "../../../presenters/conversation.ts";
import { presentMessage } from "../../../presenters/message.ts";
import type { Services } from "../../../services.ts";
import { decodeCursor, encodeCursor } from "../../cursor.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import {
  ZConversationDetail,
  ZConversationListQuery,
  ZConversationListResponse,
  ZConversationUpdateRequest,
  ZMessageCreateRequest,
  ZMessageListQuery,
  ZMessageParams,
} from "./schema.ts";

const tags = ["Conversations"];

async function loadConversation(services: Services, actor: Actor, id: string) {
  const row = await findConversationRow(services.db, actor.accountId, actor.userId, id);
  if (!row) throw notFound("Conversation");
  authorize(actor, "conversation.read", row);
  return row;
}

async function loadMessages(
  services: Services,
  actor: Actor,
  conversationId: string,
  limit: number,
  after?: string,
) {
  let query = selectMessageRows(services.db, actor.accountId)
    .where("m.conversation_id", "=", conversationId)
    .orderBy("m.created_at", "asc")
    .orderBy("m.id", "asc")
    .limit(limit + 1);
  if (after) {
    const [createdAt, id] = decodeCursor(after, z.tuple([z.string(), z.string()]));
    query = query.where((eb) =>
      eb.or([
        eb("m.created_at", ">", new Date(createdAt)),
        eb.and([eb("m.created_at", "=", new Date(createdAt)), eb("m.id", ">", id)]),
      ]),
    );
  }
  const rows = await query.execute();
  const visible = rows.slice(0, limit);
  const last = visible.at(-1);
  return {
    messages: visible.map(presentMessage),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor([last.created_at.toISOString(), last.id])
        : undefined,
  };
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
      const page = await listConversations(services.db, actor, query);
      return {
        data: page.rows.map(presentConversation),
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
    response: z.object({
      mine: z.number(),
      unassigned: z.number(),
      all: z.number(),
      teams: z.record(z.string(), z.number()),
    }),
    async handle({ services, actor }) {
      authorize(actor, "conversation.read");
      const row = await services.db
        .selectFrom("conversations")
        .where("account_id", "=", actor.accountId)
        .where("status", "=", "open")
        .select((eb) => [
          eb.fn.countAll<number>().as("all"),
          eb.fn.count<number>("id").filterWhere("assignee_id", "=", actor.userId).as("mine"),
          eb.fn.count<number>("id").filterWhere("assignee_id", "is", null).as("unassigned"),
        ])
        .executeTakeFirstOrThrow();
      const teams = await services.db
        .selectFrom("conversations")
        .where("account_id", "=", actor.accountId)
        .where("status", "=", "open")
        .where("team_id", "is not", null)
        .select((eb) => ["team_id", eb.fn.countAll<number>().as("count")])
        .groupBy("team_id")
        .execute();
      return {
        data: {
          mine: Number(row.mine),
          unassigned: Number(row.unassigned),
          all: Number(row.all),
          teams: Object.fromEntries(teams.map((team) => [team.team_id, Number(team.count)])),
        },
      };
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
      const row = await loadConversation(services, actor, params.id);
      const { messages } = await loadMessages(services, actor, row.id, 500);
      return { data: { ...presentConversation(row), messages } };
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
      await conversationUpdater(services.db, { actor, conversationId: params.id, changes: body });
      return { data: presentConversation(await loadConversation(services, actor, params.id)) };
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
      const row = await loadConversation(services, actor, params.id);
      await services.db
        .insertInto("conversation_reads")
        .values({
          account_id: actor.accountId,
          conversation_id: row.id,
          user_id: actor.userId,
          read_at: new Date(),
        })
        .onConflict((oc) =>
          oc
            .columns(["account_id", "conversation_id", "user_id"])
            .doUpdateSet({ read_at: new Date() }),
        )
        .execute();
      return { data: presentConversation(await loadConversation(services, actor, params.id)) };
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
      const row = await loadConversation(services, actor, params.id);
      const page = await loadMessages(services, actor, row.id, query.limit, query.cursor);
      return { data: page.messages, nextCursor: page.nextCursor };
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
    response: ZMessage,
    status: 201,
    async handle({ services, actor, params, body }) {
      const message = await replySender(services, {
        actor,
        conversationId: params.id,
        text: body.text,
        kind: body.kind,
        visibility: body.visibility,
        template: body.template,
        attachmentIds: body.attachmentIds,
      });
      const row = await findMessageRow(services.db, actor.accountId, message.id);
      if (!row) throw notFound("Message");
      return { data: presentMessage(row) };
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
      await deliveryRetrier(services, {
        actor,
        conversationId: params.id,
        messageId: params.messageId,
      });
      const row = await findMessageRow(services.db, actor.accountId, params.messageId);
      if (!row) throw notFound("Message");
      return { data: presentMessage(row) };
    },
  }),
];
