import { type Kysely, sql } from "kysely";
import { z } from "zod";
import {
  type TNotification,
  ZNotification,
  ZNotificationListQuery,
  ZNotificationReadRequest,
} from "../../../../shared/notifications.ts";
import type { Actor } from "../../../auth/actor.ts";
import type { DB } from "../../../db/schema.ts";
import { authorize } from "../../../policies/index.ts";
import { iso } from "../../../presenters/dates.ts";
import { decodeCursor, encodeCursor } from "../../cursor.ts";
import { defineRoute } from "../../route.ts";

const tags = ["Notifications"];

/**
 * The `notification.created` events meant for the actor: those naming them among `userIds`, or
 * as `userId`, or else one of their teams as `teamId`, and those naming nobody (every agent).
 */
async function notificationsOf(db: Kysely<DB>, actor: Actor) {
  const teams = await db
    .selectFrom("team_members")
    .select("team_id")
    .where("account_id", "=", actor.accountId)
    .where("user_id", "=", actor.userId)
    .execute();
  const teamIds = teams.map((team) => team.team_id);
  const me = JSON.stringify(actor.userId);
  return db
    .selectFrom("events")
    .where("account_id", "=", actor.accountId)
    .where("name", "=", "notification.created")
    .where(
      // The same precedence as the live toast: named agents, else one agent, else a team.
      sql<boolean>`case
        when payload->'userIds' is not null and payload->'userIds' <> '[]'::jsonb
          then payload->'userIds' @> ${me}::jsonb
        when payload->>'userId' is not null then payload->>'userId' = ${actor.userId}
        when payload->>'teamId' is not null
          then ${teamIds.length > 0 ? sql`payload->>'teamId' in (${sql.join(teamIds)})` : sql`false`}
        else true
      end`,
    );
}

async function readUpTo(db: Kysely<DB>, actor: Actor): Promise<number> {
  const row = await db
    .selectFrom("notification_reads")
    .select("read_up_to")
    .where("account_id", "=", actor.accountId)
    .where("user_id", "=", actor.userId)
    .executeTakeFirst();
  return Number(row?.read_up_to ?? 0);
}

function kindOf(payload: Record<string, unknown>): TNotification["kind"] {
  if (typeof payload.ruleId === "string") return "rule";
  const changes = Array.isArray(payload.changes) ? payload.changes : [];
  if (changes.includes("callback.due")) return "callback_due";
  if (changes.includes("sla.warning")) return "sla_warning";
  if (changes.includes("sla.breached")) return "sla_breached";
  if (changes.includes("promise.broken")) return "promise_broken";
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
      const read = await readUpTo(services.db, actor);
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
      await services.db
        .insertInto("notification_reads")
        .values({ account_id: actor.accountId, user_id: actor.userId, read_up_to: upTo })
        .onConflict((oc) =>
          oc.columns(["account_id", "user_id"]).doUpdateSet({
            read_up_to: sql`greatest(notification_reads.read_up_to, excluded.read_up_to)`,
            updated_at: sql`now()`,
          }),
        )
        .execute();
      const read = await readUpTo(services.db, actor);
      const unread = await mine
        .select(sql<number>`count(*)::int`.as("n"))
        .where("id", ">", read)
        .executeTakeFirstOrThrow();
      return { data: { unread: Number(unread.n) } };
    },
  }),
];
