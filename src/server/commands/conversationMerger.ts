import { type Kysely, sql } from "kysely";
import type { Conversation, ConversationUpdate, DB } from "../db/schema.ts";
import { notFound, unprocessable } from "../errors.ts";
import { recordAudit, recordEvent } from "../events/outbox.ts";

/**
 * Every table whose `conversation_id` moves to the target of a conversation merge. Most are
 * `on delete cascade`; conversationMerger.test.ts compares this list with the database's own
 * catalogue, so a new `conversation_id` column fails the test until it is listed here (or in
 * DROPPED_REFERENCES).
 */
export const CONVERSATION_REFERENCES = [
  "messages",
  "callbacks",
  "calls",
  "triage_corrections",
  "rule_runs",
  "email_quarantine",
  "sla_clocks",
  "promises",
  "agent_actions",
  "delay_recipients",
  "resolutions",
  "contact_mentions",
  // An idea linked to both counts the conversation once (ideas list conversations distinct).
  "idea_links",
  "idea_notices",
  "stories",
] as const satisfies ReadonlyArray<keyof DB>;

/**
 * Dropped with the source: per (conversation, user) read marks (the target's own are kept), and
 * the source's acknowledgement decision (one per conversation; the target has its own).
 */
export const DROPPED_REFERENCES = [
  "conversation_reads",
  "conversation_acknowledgements",
] as const satisfies ReadonlyArray<keyof DB>;

const CLOSED = "resolved";

export interface ConversationMergeProps {
  accountId: string;
  /** The agent who merges; null when Relais merges by itself (`repeatAction: "reopen"`). */
  actorUserId: string | null;
  /** The conversation that stays and takes the other's messages. */
  targetId: string;
  /** The conversation merged into the target: it stays resolved, empty, `merged_into_id` set. */
  sourceId: string;
  /** Why, kept in the audit entry. */
  reason?: string;
}

export interface ConversationMergeResult {
  conversation: Conversation;
  /** Rows moved to the target, per table. */
  moved: Record<string, number>;
  /** The target was resolved and the source still open: the target is open again. */
  reopened: boolean;
}

/**
 * Merges one conversation of a customer into another of the same customer, in one transaction:
 * messages, notes, calls, callbacks, promises, SLA clocks, actions and resolutions move to the
 * target; the target reopens if the source was still waiting on an agent; conversations that
 * repeated the source now repeat the target; the source stays resolved, empty, pointing at the
 * target. Both in the account (404 otherwise), one customer (422 otherwise: merge the contacts
 * first). Writes `conversation.updated` for both and an audit entry on each.
 */
export async function conversationMerger(
  db: Kysely<DB>,
  props: ConversationMergeProps,
): Promise<ConversationMergeResult> {
  const { accountId, targetId, sourceId } = props;
  if (targetId === sourceId) {
    throw unprocessable("same_conversation", "A conversation cannot be merged into itself.");
  }
  return db.transaction().execute(async (trx) => {
    // Both rows locked in id order, so two merges of the same pair cannot deadlock.
    const rows = await trx
      .selectFrom("conversations")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("id", "in", [targetId, sourceId])
      .orderBy("id")
      .forUpdate()
      .execute();
    const target = rows.find((row) => row.id === targetId);
    const source = rows.find((row) => row.id === sourceId);
    if (!target || !source) throw notFound("Conversation");
    if (source.merged_into_id || target.merged_into_id) {
      throw unprocessable("already_merged", "This conversation was already merged into another.");
    }
    if (source.contact_id !== target.contact_id) {
      throw unprocessable(
        "different_customers",
        "These conversations are with different customers: merge the customers first.",
      );
    }

    const moved: Record<string, number> = {};
    for (const table of CONVERSATION_REFERENCES) {
      const { rows: changed } = await sql<{ n: string | number }>`
        with moved as (
          update ${sql.table(table)} set conversation_id = ${targetId}
          where account_id = ${accountId} and conversation_id = ${sourceId}
          returning 1
        ) select count(*) as n from moved`.execute(trx);
      const count = Number(changed[0]?.n ?? 0);
      if (count > 0) moved[table] = count;
    }
    for (const table of DROPPED_REFERENCES) {
      await sql`delete from ${sql.table(table)}
        where account_id = ${accountId} and conversation_id = ${sourceId}`.execute(trx);
    }
    // Whatever repeated the source repeats the target now (the target itself excepted).
    await trx
      .updateTable("conversations")
      .set({ repeat_of_id: targetId })
      .where("account_id", "=", accountId)
      .where("repeat_of_id", "=", sourceId)
      .where("id", "!=", targetId)
      .execute();

    const reopened = target.status === CLOSED && source.status !== CLOSED;
    const set: ConversationUpdate = {
      last_message_at: later(target.last_message_at, source.last_message_at) ?? undefined,
      last_inbound_at: later(target.last_inbound_at, source.last_inbound_at),
      first_response_at: earlier(target.first_response_at, source.first_response_at),
      labels: [...new Set([...target.labels, ...source.labels])],
      chain_id: target.chain_id ?? source.chain_id,
      updated_at: new Date(),
    };
    if (target.repeat_of_id === sourceId) {
      set.repeat_of_id = source.repeat_of_id;
      set.repeat_reason = source.repeat_of_id ? source.repeat_reason : null;
    }
    if (reopened) {
      set.status = source.status;
      set.resolved_at = null;
      set.snoozed_until = source.snoozed_until;
      set.waiting_since = source.waiting_since;
    } else if (target.status !== CLOSED && source.waiting_since) {
      set.waiting_since = earlier(target.waiting_since, source.waiting_since);
    }
    const conversation = await trx
      .updateTable("conversations")
      .set(set)
      .where("account_id", "=", accountId)
      .where("id", "=", targetId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("conversations")
      .set({
        merged_into_id: targetId,
        status: CLOSED,
        resolved_at: source.resolved_at ?? new Date(),
        waiting_since: null,
        snoozed_until: null,
        updated_at: new Date(),
      })
      .where("account_id", "=", accountId)
      .where("id", "=", sourceId)
      .execute();

    const data = {
      sourceId,
      sourceNumber: source.number,
      targetId,
      targetNumber: target.number,
      moved,
      reopened,
      ...(props.reason ? { reason: props.reason } : {}),
    };
    for (const [id, changes] of [
      [targetId, ["messages", ...(reopened ? ["status"] : [])]],
      [sourceId, ["status", "mergedInto"]],
    ] as const) {
      await recordEvent(trx, {
        accountId,
        name: "conversation.updated",
        payload: { conversationId: id, changes: [...changes] },
        actorUserId: props.actorUserId,
      });
      await recordAudit(trx, {
        accountId,
        actorUserId: props.actorUserId,
        action: "conversation.merge",
        subjectType: "conversation",
        subjectId: id,
        data,
      });
    }
    return { conversation, moved, reopened };
  });
}

function later(a: Date | null, b: Date | null): Date | null {
  if (!a || !b) return a ?? b;
  return a > b ? a : b;
}

function earlier(a: Date | null, b: Date | null): Date | null {
  if (!a || !b) return a ?? b;
  return a < b ? a : b;
}
