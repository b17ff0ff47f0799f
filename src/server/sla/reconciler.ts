import type { Kysely } from "kysely";
import type { SlaClock, SlaPolicy, SlaTarget, SlaTargets } from "../db/schema/slaPromises.ts";
import type { Conversation, DB } from "../db/schema.ts";
import { lockConversation } from "../models/conversations.ts";
import { refreshSlaDueKey } from "../models/slaClocks.ts";
import { listSlaPolicies } from "../models/slaPolicies.ts";
import { addBusinessMinutes, businessMinutesBetween, type Schedule } from "./clock.ts";
import { firstMatchingPolicy, slaSubjectOf } from "./policyMatch.ts";
import { agentReplyTimes, awaitingCustomerMessage } from "./replies.ts";
import { scheduleFor } from "./schedule.ts";

const TARGET_MINUTES: Record<SlaTarget, keyof SlaTargets> = {
  firstResponse: "firstResponseMinutes",
  nextResponse: "nextResponseMinutes",
  resolution: "resolutionMinutes",
};

/** Clocks stand still while the conversation waits on the customer or is snoozed. */
const PAUSED_STATUSES = new Set(["pending", "snoozed"]);

interface Context {
  trx: Kysely<DB>;
  conversation: Conversation;
  schedule: Schedule;
  now: Date;
}

function basisOf(policy: SlaPolicy, teamId: string | null): string {
  return JSON.stringify([
    policy.id,
    policy.targets,
    policy.hours,
    policy.warn_before_minutes,
    policy.hours === "team" ? teamId : null,
  ]);
}

/** Due and warning instants of a clock running from `since` with `remaining` minutes left. */
function timesFrom(since: Date, remaining: number, warnBefore: number | null, schedule: Schedule) {
  const dueAt = addBusinessMinutes(since, Math.max(0, remaining), schedule);
  const warnAt =
    warnBefore !== null && warnBefore > 0
      ? addBusinessMinutes(since, Math.max(0, remaining - warnBefore), schedule)
      : null;
  return { due_at: dueAt, warn_at: warnAt };
}

/** Business minutes a clock has used so far. */
function consumed(clock: SlaClock, schedule: Schedule, now: Date): number {
  const used = clock.target_minutes - clock.remaining_minutes;
  return clock.running_since
    ? used + businessMinutesBetween(new Date(clock.running_since), now, schedule)
    : used;
}

async function insertClock(
  context: Context,
  props: {
    policy: SlaPolicy;
    basis: string;
    target: SlaTarget;
    startedAt: Date;
    /** Business minutes already used, up to now when `carried`, else up to `startedAt`. */
    used: number;
    carried: boolean;
    startRef: string | null;
  },
) {
  const { trx, conversation, schedule, now } = context;
  const minutes = props.policy.targets[TARGET_MINUTES[props.target]];
  if (!minutes) return;
  const paused = PAUSED_STATUSES.has(conversation.status);
  // A new clock counts from its start; one carried over from a superseded policy keeps the
  // business minutes it had already used and runs on from now.
  const used =
    props.used +
    (paused || props.carried ? 0 : businessMinutesBetween(props.startedAt, now, schedule));
  const remaining = minutes - used;
  const since = paused ? null : now;
  await trx
    .insertInto("sla_clocks")
    .values({
      account_id: conversation.account_id,
      conversation_id: conversation.id,
      policy_id: props.policy.id,
      policy_name: props.policy.name,
      target: props.target,
      target_minutes: minutes,
      warn_before_minutes: props.policy.warn_before_minutes,
      hours: props.policy.hours,
      basis: props.basis,
      started_at: props.startedAt,
      remaining_minutes: remaining,
      running_since: since,
      paused_at: paused ? now : null,
      start_ref: props.startRef,
      ...(since
        ? timesFrom(since, remaining, props.policy.warn_before_minutes, schedule)
        : { due_at: null, warn_at: null }),
    })
    .execute();
}

async function setClock(context: Context, clock: SlaClock, values: Partial<SlaClock>) {
  await context.trx
    .updateTable("sla_clocks")
    .set(values)
    .where("account_id", "=", clock.account_id)
    .where("id", "=", clock.id)
    .execute();
}

/** Stops a clock as met at `at` (a breach it had reached is kept even if the sweep missed it). */
async function meet(context: Context, clock: SlaClock, at: Date) {
  const late = clock.due_at && new Date(clock.due_at) < at && !clock.breached_at;
  await setClock(context, clock, {
    met_at: at,
    ...(late && clock.due_at ? { breached_at: new Date(clock.due_at) } : {}),
  });
}

/** Pauses or resumes a running clock to follow the conversation's status. */
async function followStatus(context: Context, clock: SlaClock) {
  const { schedule, now } = context;
  const paused = PAUSED_STATUSES.has(context.conversation.status);
  if (paused && clock.running_since) {
    const used = businessMinutesBetween(new Date(clock.running_since), now, schedule);
    await setClock(context, clock, {
      remaining_minutes: clock.remaining_minutes - used,
      running_since: null,
      paused_at: now,
      due_at: null,
      warn_at: null,
    });
  } else if (!paused && !clock.running_since) {
    await setClock(context, clock, {
      running_since: now,
      paused_at: null,
      ...timesFrom(now, clock.remaining_minutes, clock.warn_before_minutes, schedule),
    });
  }
}

/**
 * Brings a conversation's SLA clocks in line with its state: applies the first matching policy
 * (re-applying it, history kept, when the policy, its targets or the team's schedule changed),
 * starts, meets, pauses and resumes each clock. Idempotent: run after every change.
 */
export async function slaReconciler(
  db: Kysely<DB>,
  props: { accountId: string; conversationId: string; now?: Date },
): Promise<void> {
  const now = props.now ?? new Date();
  await db.transaction().execute(async (trx) => {
    await reconcile(trx, props, now);
    await refreshSlaDueKey(trx, props.accountId, props.conversationId);
  });
}

async function reconcile(
  trx: Kysely<DB>,
  props: { accountId: string; conversationId: string },
  now: Date,
): Promise<void> {
  const conversation = await lockConversation(trx, props.accountId, props.conversationId);
  if (!conversation) return;
  const policies = await listSlaPolicies(trx, props.accountId);
  const all = await trx
    .selectFrom("sla_clocks")
    .selectAll()
    .where("account_id", "=", props.accountId)
    .where("conversation_id", "=", conversation.id)
    .orderBy("created_at")
    .execute();
  const policy = firstMatchingPolicy(policies, await slaSubjectOf(trx, conversation));
  if (!policy && all.length === 0) return;
  const hours = policy?.hours ?? all.at(-1)?.hours ?? "always";
  const schedule = await scheduleFor(trx, props.accountId, hours, conversation.team_id);
  const context: Context = { trx, conversation, schedule, now };
  const basis = policy ? basisOf(policy, conversation.team_id) : null;

  // Re-application: the clocks of another basis are superseded; the running ones are carried
  // over to the new policy with the business minutes they had used.
  const carried = new Map<SlaTarget, { startedAt: Date; used: number; startRef: string | null }>();
  const current: SlaClock[] = [];
  for (const clock of all) {
    if (clock.superseded_at) continue;
    if (clock.basis === basis) {
      current.push(clock);
      continue;
    }
    await setClock(context, clock, { superseded_at: now });
    if (!clock.met_at) {
      carried.set(clock.target, {
        startedAt: new Date(clock.started_at),
        used: consumed(clock, schedule, now),
        startRef: clock.start_ref,
      });
    }
  }
  if (!policy || !basis) return;
  const replies = await agentReplyTimes(trx, props.accountId, conversation.id);
  const firstReply = replies[0] ?? null;
  const lastReply = replies.at(-1) ?? null;
  const firstReplyAfter = (at: Date) => replies.find((sent) => sent >= at) ?? null;
  const open = (target: SlaTarget) =>
    current.filter((clock) => clock.target === target && !clock.met_at);

  // First response: one clock per application, met by the first agent reply sent.
  const firsts = current.filter((clock) => clock.target === "firstResponse");
  for (const clock of open("firstResponse")) {
    const met = firstReplyAfter(new Date(clock.started_at)) ?? firstReply;
    if (met) await meet(context, clock, met);
    else await followStatus(context, clock);
  }
  if (firsts.length === 0 && !firstReply) {
    const carry = carried.get("firstResponse");
    await insertClock(context, {
      policy,
      basis,
      target: "firstResponse",
      startedAt: carry?.startedAt ?? new Date(conversation.created_at),
      used: carry?.used ?? 0,
      carried: carry !== undefined,
      startRef: null,
    });
  }

  // Next response: a clock per customer message that follows an agent reply.
  for (const clock of open("nextResponse")) {
    const met = firstReplyAfter(new Date(clock.started_at));
    if (met) await meet(context, clock, met);
    else await followStatus(context, clock);
  }
  const awaiting = await awaitingCustomerMessage(trx, props.accountId, conversation.id, lastReply);
  if (awaiting && !current.some((clock) => clock.start_ref === awaiting.id)) {
    const carry = carried.get("nextResponse");
    const same = carry?.startRef === awaiting.id;
    await insertClock(context, {
      policy,
      basis,
      target: "nextResponse",
      startedAt: same && carry ? carry.startedAt : awaiting.created_at,
      used: same && carry ? carry.used : 0,
      carried: same,
      startRef: awaiting.id,
    });
  }

  // Resolution: runs until resolved; a reopen starts a new clock.
  const resolved = conversation.status === "resolved";
  for (const clock of open("resolution")) {
    if (resolved) await meet(context, clock, new Date(conversation.resolved_at ?? now));
    else await followStatus(context, clock);
  }
  if (!resolved && open("resolution").length === 0) {
    const carry = carried.get("resolution");
    const ever = all.some((clock) => clock.target === "resolution");
    await insertClock(context, {
      policy,
      basis,
      target: "resolution",
      startedAt: carry?.startedAt ?? (ever ? now : new Date(conversation.created_at)),
      used: carry?.used ?? 0,
      carried: carry !== undefined,
      startRef: null,
    });
  }
}
