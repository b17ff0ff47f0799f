import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import { customerString } from "../i18n/customer.ts";
import { recentFirstReplies, unansweredCount } from "../models/acknowledgements.ts";
import { listSlaPolicies } from "../models/slaPolicies.ts";
import { addBusinessMinutes, businessMinutesBetween, nextOpening, type Schedule } from "./clock.ts";
import { customerDueTime, type Language } from "./nextStep.ts";
import { firstMatchingPolicy, type SlaSubject } from "./policyMatch.ts";
import { scheduleFor } from "./schedule.ts";

/** How far back the estimate looks. */
export const HISTORY_DAYS = 7;
/** Waits are rounded up to this many minutes: a customer reads "by 14:35", not "by 14:32". */
const ROUND_MINUTES = 5;
const DAY = 24 * 60 * 60_000;

export interface AcknowledgementEstimate {
  /** When the customer can expect a first answer. */
  expectedAt: Date;
  /** Business minutes from now to `expectedAt`. */
  waitMinutes: number;
  /** Whether the team is open now; when closed, `opensAt` is when it opens again. */
  openNow: boolean;
  opensAt: Date;
  /** From the last days' answers on the channel, or (without any) the SLA policy's target. */
  source: "history" | "policy";
  medianMinutes: number | null;
  /** First answers the median is taken over. */
  samples: number;
  /** Conversations of the channel still awaiting a first answer, besides this one. */
  queueAhead: number;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * The expected wait, in business minutes: the median first response of the window, scaled by how
 * much longer the live queue is than the window's usual one. The usual queue comes from Little's
 * law — conversations waiting on average = first answers per business minute × median wait — so
 * with the usual queue (or a shorter one) the median stands, and with three times as many ahead
 * (counting this customer) the wait is three times as long. Rounded up to 5 minutes.
 */
export function expectedWaitMinutes(props: {
  medianMinutes: number;
  answered: number;
  windowBusinessMinutes: number;
  queueAhead: number;
}): number {
  const usualQueue =
    props.windowBusinessMinutes > 0
      ? (props.answered * props.medianMinutes) / props.windowBusinessMinutes
      : 0;
  const load = Math.max(1, (props.queueAhead + 1) / (usualQueue + 1));
  const wait = props.medianMinutes * load;
  return Math.max(ROUND_MINUTES, Math.ceil(wait / ROUND_MINUTES) * ROUND_MINUTES);
}

/**
 * When a new customer on this channel can expect a first answer, computed — never a fixed
 * sentence — from the live queue and the last 7 days on the channel (median first response
 * within the team's opening hours, holidays excluded), counted on the team's hours (the next
 * opening when closed). Without any answer in those days, the SLA policy the conversation gets
 * gives the time; with neither, there is nothing honest to say: null.
 */
export async function acknowledgementEstimate(
  db: Kysely<DB>,
  props: {
    accountId: string;
    channelId: string;
    subject: SlaSubject;
    conversationId?: string;
    now: Date;
  },
): Promise<AcknowledgementEstimate | null> {
  const { accountId, channelId, now } = props;
  const schedule = await scheduleFor(db, accountId, "team", props.subject.teamId);
  const since = new Date(now.getTime() - HISTORY_DAYS * DAY);
  const history = await recentFirstReplies(db, { accountId, channelId, since, until: now });
  const waits = history.flatMap((row) =>
    row.firstReplyAt ? [businessMinutesBetween(row.createdAt, row.firstReplyAt, schedule)] : [],
  );
  const queueAhead = await unansweredCount(db, {
    accountId,
    channelId,
    until: now,
    excludeId: props.conversationId,
  });
  const medianMinutes = median(waits);
  if (medianMinutes !== null) {
    const waitMinutes = expectedWaitMinutes({
      medianMinutes,
      answered: waits.length,
      windowBusinessMinutes: businessMinutesBetween(since, now, schedule),
      queueAhead,
    });
    return finish(now, schedule, waitMinutes, {
      source: "history",
      medianMinutes,
      samples: waits.length,
      queueAhead,
    });
  }
  const policy = firstMatchingPolicy(await listSlaPolicies(db, accountId), props.subject);
  const target = policy?.targets.firstResponseMinutes;
  if (!policy || !target) return null;
  const policySchedule = await scheduleFor(db, accountId, policy.hours, props.subject.teamId);
  return finish(now, policySchedule, target, {
    source: "policy",
    medianMinutes: null,
    samples: 0,
    queueAhead,
  });
}

function finish(
  now: Date,
  schedule: Schedule,
  waitMinutes: number,
  basis: Pick<AcknowledgementEstimate, "source" | "medianMinutes" | "samples" | "queueAhead">,
): AcknowledgementEstimate | null {
  const expectedAt = addBusinessMinutes(now, waitMinutes, schedule);
  const opensAt = nextOpening(now, schedule);
  if (!expectedAt || !opensAt) return null;
  return {
    expectedAt,
    waitMinutes,
    openNow: opensAt.getTime() <= now.getTime(),
    opensAt,
    ...basis,
  };
}

/** The acknowledgement as the customer reads it, in their language and zone. */
export function acknowledgementText(
  estimate: Pick<AcknowledgementEstimate, "expectedAt" | "openNow" | "opensAt">,
  language: Language,
  timeZone: string,
): string {
  const when = customerDueTime(estimate.expectedAt, language, timeZone);
  if (estimate.openNow) return customerString("acknowledgement.open", language, { when });
  const opens = customerDueTime(estimate.opensAt, language, timeZone);
  return customerString("acknowledgement.closed", language, { when, opens });
}
