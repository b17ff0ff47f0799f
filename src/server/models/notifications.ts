import { type Kysely, sql } from "kysely";
import type { EventPayload } from "../../shared/events.ts";
import { NOTIFICATION_KINDS, type NotificationKind } from "../../shared/notifications.ts";
import type { Actor } from "../auth/actor.ts";
import type { DB } from "../db/schema.ts";

export interface NotificationInput {
  accountId: string;
  /** The `notification.created` payload: text, rule, conversation and whom it is for. */
  payload: EventPayload;
}

const uuidList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];

/** Whom a notification is for: the agents it names (`userIds`, else `userId`), else its team. */
function recipients(payload: EventPayload & Record<string, unknown>) {
  const named = uuidList(payload.userIds);
  const one = typeof payload.userId === "string" ? [payload.userId] : [];
  return {
    user_ids: named.length > 0 ? named : one,
    team_id: typeof payload.teamId === "string" ? payload.teamId : null,
  };
}

/** A notification repeats one with the same kind, subject and recipients within this window. */
export const REPEAT_WINDOW_SECONDS = 120;

const KINDS: ReadonlySet<string> = new Set(NOTIFICATION_KINDS);

/** The kind a notification's payload is worded from (its `notificationKind`, else its origin). */
export function notificationKindOf(payload: EventPayload): NotificationKind {
  if (payload.notificationKind && KINDS.has(payload.notificationKind)) {
    return payload.notificationKind as NotificationKind;
  }
  if (typeof payload.ruleId === "string") return "rule";
  const changes = payload.changes ?? [];
  if (changes.includes("callback.due")) return "callback_due";
  if (changes.includes("sla.warning")) return "sla_warning";
  if (changes.includes("sla.breached")) return "sla_breached";
  if (changes.includes("promise.broken")) return "promise_broken";
  if (changes.includes("survey.low_score")) return "survey_low_score";
  return "other";
}

/** What a notification is about: its conversation, and the rule, action, promise or clock in it. */
export function notificationSubject(payload: EventPayload): string | null {
  const parts = [
    payload.conversationId,
    payload.ruleId,
    payload.actionId,
    payload.promiseId,
    payload.target,
  ].filter((part): part is string => typeof part === "string" && part.length > 0);
  return parts.length > 0 ? parts.join(":") : null;
}

function repeatKey(input: NotificationInput): string | null {
  const subject = notificationSubject(input.payload);
  if (!subject) return null;
  const { user_ids, team_id } = recipients({ ...input.payload });
  return [input.accountId, notificationKindOf(input.payload), subject, team_id ?? "", ...user_ids]
    .sort()
    .join("|");
}

/**
 * The notifications among `inputs` that do not repeat one already stored (or earlier in the
 * list): the same kind, about the same subject, for the same agents, within the repeat window.
 * A notification about nothing in particular is never a repeat.
 */
export async function withoutRepeats<Input extends NotificationInput>(
  trx: Kysely<DB>,
  inputs: readonly Input[],
): Promise<Input[]> {
  const seen = new Set<string>();
  const kept: Input[] = [];
  for (const input of inputs) {
    const key = repeatKey(input);
    if (key === null) {
      kept.push(input);
      continue;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    const { user_ids, team_id } = recipients({ ...input.payload });
    const repeat = await trx
      .selectFrom("notifications")
      .select("id")
      .where("account_id", "=", input.accountId)
      .where("kind", "=", notificationKindOf(input.payload))
      .where("subject", "=", notificationSubject(input.payload))
      .where(sql<boolean>`user_ids = ${sql.val(user_ids)}::uuid[]`)
      .where(sql<boolean>`team_id is not distinct from ${team_id}::uuid`)
      .where(sql<boolean>`created_at > now() - make_interval(secs => ${REPEAT_WINDOW_SECONDS})`)
      .limit(1)
      .executeTakeFirst();
    if (!repeat) kept.push(input);
  }
  return kept;
}

/**
 * Stores notifications in the caller's transaction, numbered in each account's own sequence
 * (the counter row is locked until commit, so ids ascend in commit order per account). Returns
 * each one's id, in the order given.
 */
export async function insertNotifications(
  trx: Kysely<DB>,
  inputs: readonly NotificationInput[],
): Promise<string[]> {
  const ids = new Map<NotificationInput, string>();
  const byAccount = new Map<string, NotificationInput[]>();
  for (const input of inputs) {
    byAccount.set(input.accountId, [...(byAccount.get(input.accountId) ?? []), input]);
  }
  for (const [accountId, items] of byAccount) {
    const counter = await trx
      .insertInto("notification_counters")
      .values({ account_id: accountId, last_id: items.length })
      .onConflict((oc) =>
        oc.column("account_id").doUpdateSet({
          last_id: sql`notification_counters.last_id + ${items.length}`,
        }),
      )
      .returning("last_id")
      .executeTakeFirstOrThrow();
    const first = Number(counter.last_id) - items.length + 1;
    await trx
      .insertInto("notifications")
      .values(
        items.map((item, index) => ({
          account_id: accountId,
          id: first + index,
          ...recipients({ ...item.payload }),
          kind: notificationKindOf(item.payload),
          subject: notificationSubject(item.payload),
          payload: JSON.stringify(item.payload),
        })),
      )
      .execute();
    items.forEach((item, index) => {
      ids.set(item, String(first + index));
    });
  }
  return inputs.map((input) => ids.get(input) ?? "");
}

/**
 * The notifications meant for the actor: those naming them, or (naming nobody) one of their
 * teams, or (naming no team either) every agent — the same precedence as the live toast —
 * except the kinds they chose not to ring in the app.
 */
export async function notificationsOf(db: Kysely<DB>, actor: Actor) {
  const teams = await db
    .selectFrom("team_members")
    .select("team_id")
    .where("account_id", "=", actor.accountId)
    .where("user_id", "=", actor.userId)
    .execute();
  const teamIds = teams.map((team) => team.team_id);
  const muted = await db
    .selectFrom("notification_settings")
    .select("kind")
    .where("account_id", "=", actor.accountId)
    .where("user_id", "=", actor.userId)
    .where("in_app", "=", false)
    .execute();
  return db
    .selectFrom("notifications")
    .where("account_id", "=", actor.accountId)
    .$if(muted.length > 0, (builder) =>
      builder.where(
        "kind",
        "not in",
        muted.map((row) => row.kind),
      ),
    )
    .where(
      sql<boolean>`case
        when cardinality(user_ids) > 0 then user_ids @> array[${actor.userId}]::uuid[]
        when team_id is not null
          then ${teamIds.length > 0 ? sql`team_id in (${sql.join(teamIds)})` : sql`false`}
        else true
      end`,
    );
}

/** The newest notification id the actor has read (0 when none). */
export async function notificationsReadUpTo(db: Kysely<DB>, actor: Actor): Promise<number> {
  const row = await db
    .selectFrom("notification_reads")
    .select("read_up_to")
    .where("account_id", "=", actor.accountId)
    .where("user_id", "=", actor.userId)
    .executeTakeFirst();
  return Number(row?.read_up_to ?? 0);
}

/** Moves the actor's place forward to `upTo`; never backwards. */
export async function markNotificationsRead(
  db: Kysely<DB>,
  actor: Actor,
  upTo: number,
): Promise<void> {
  await db
    .insertInto("notification_reads")
    .values({ account_id: actor.accountId, user_id: actor.userId, read_up_to: upTo })
    .onConflict((oc) =>
      oc.columns(["account_id", "user_id"]).doUpdateSet({
        read_up_to: sql`greatest(notification_reads.read_up_to, excluded.read_up_to)`,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}
