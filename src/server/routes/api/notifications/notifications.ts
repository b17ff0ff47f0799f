import { sql } from "kysely";
import { z } from "zod";
import {
  markNotificationsRead,
  notificationsOf,
  notificationsReadUpTo,
} from "../../../models/notifications.ts";
import { authorize } from "../../../policies/index.ts";
import { presentNotification } from "../../../presenters/notifications.ts";
import { decodeCursor, encodeCursor } from "../../cursor.ts";
import { defineRoute } from "../../route.ts";
import {
  ZNotification,
  ZNotificationListExtra,
  ZNotificationListQuery,
  ZNotificationReadRequest,
  ZNotificationReadResponse,
} from "./schema.ts";

const tags = ["Notifications"];

export const notificationRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/notifications",
    summary: "The signed-in agent's notifications, newest first, with how many are unread",
    tags,
    auth: "user",
    query: ZNotificationListQuery,
    response: z.array(ZNotification),
    responseExtra: ZNotificationListExtra,
    async handle({ services, actor, query }) {
      authorize(actor, "notification.read");
      const read = await notificationsReadUpTo(services.db, actor);
      const mine = await notificationsOf(services.db, actor);
      const before = query.cursor ? decodeCursor(query.cursor, z.number().int()) : null;
      const rows = await mine
        .select(["id", "kind", "payload", "created_at"])
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
        data: visible.map((row) => presentNotification(row, read)),
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
    response: ZNotificationReadResponse,
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
