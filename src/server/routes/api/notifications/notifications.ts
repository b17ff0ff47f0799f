import { sql } from "kysely";
import { z } from "zod";
import {
  type TNotification,
  ZNotification,
  ZNotificationListQuery,
  ZNotificationReadRequest,
} from "../../../../shared/notifications.ts";
import {
  markNotificationsRead,
  notificationsOf,
  notificationsReadUpTo,
} from "../../../models/notifications.ts";
import { authorize } from "../../../policies/index.ts";
import { iso } from "../../../presenters/dates.ts";
import { decodeCursor, encodeCursor } from "../../cursor.ts";
import { defineRoute } from "../../route.ts";

const tags = ["Notifications"];

function kindOf(payload: Record<string, unknown>): TNotification["kind"] {
  if (typeof payload.ruleId === "string") return "rule";
  if (Array.isArray(payload.changes) && payload.changes.includes("callback.due")) {
    return "callback_due";
  }
  return "other";
}

const text = (value: unknown) => (typeof value === "string" && value ? value : null);

export const notificationRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/notifications",
    summary: "The signed-in agent's notifications, newest first, with how many are unread",
    tags,
    auth: "user",
    query: ZNotificationListQuery,
    response: z.array(ZNotification),
    responseExtra: { nextCursor: z.string().optional(), unread: z.number().int() },
    async handle({ services, actor, query }) {
      authorize(actor, "notification.read");
      const read = await notificationsReadUpTo(services.db, actor);
      const mine = await notificationsOf(services.db, actor);
      const before = query.cursor ? decodeCursor(query.cursor, z.number().int()) : null;
      const rows = await mine
        .select(["id", "payload", "created_at"])
        .$if(before !== null, (builder) => builder.where("id", "<", before ?? 0))
        .orderBy("id", "desc")
        .limit(query.limit + 1)
        .execute();
      const unread = await mine
        .select(sql<number>`count(*)::int`.as("n"))
        .where("id", ">", read)
        .executeTakeFirstOrThrow();
      const visible = rows.slice(0, query.limit);
      const last = visible.at(-1);
      return {
        data: visible.map((row) => ({
          id: String(row.id),
          kind: kindOf(row.payload),
          text: text(row.payload.text),
          conversationId: text(row.payload.conversationId),
          ruleId: text(row.payload.ruleId),
          read: Number(row.id) <= read,
          createdAt: iso(row.created_at),
        })),
        nextCursor: rows.length > query.limit && last ? encodeCursor(Number(last.id)) : undefined,
        unread: Number(unread.n),
      };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/notifications/read",
    summary: "Mark the agent's notifications read, up to one of them or all",
    tags,
    auth: "user",
    body: ZNotificationReadRequest,
    response: z.object({ unread: z.number().int() }),
    async handle({ services, actor, body }) {
      authorize(actor, "notification.markRead");
      const mine = await notificationsOf(services.db, actor);
      const newest = await mine
        .select(sql<number | null>`max(id)`.as("id"))
        .$if(Boolean(body.upTo), (builder) => builder.where("id", "<=", Number(body.upTo)))
        .executeTakeFirstOrThrow();
      const upTo = Number(newest.id ?? 0);
      // Never backwards: marking an older one read keeps the newer ones read.
      await markNotificationsRead(services.db, actor, upTo);
      const read = await notificationsReadUpTo(services.db, actor);
      const unread = await mine
        .select(sql<number>`count(*)::int`.as("n"))
        .where("id", ">", read)
        .executeTakeFirstOrThrow();
      return { data: { unread: Number(unread.n) } };
    },
  }),
];
