import { type Kysely, sql } from "kysely";
import type { SurveyStatus } from "../db/schema/surveys.ts";
import type { Conversation, DB } from "../db/schema.ts";
import type { Services } from "../services.ts";
import { loadSurveySettings } from "./settings.ts";

export const ASK_SURVEY = "ask-survey";
/**
 * Two conversations of one customer on different channels this close together are taken as the
 * same problem (the customer had to switch channels); the account's `repeat_window_days` (this by
 * default) sets it. Linked repeats (chain_id) count whatever their channel and date.
 */
export const REPEAT_WINDOW_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * Brings a conversation's resolutions up to date after its status changed: resolutions it has
 * left are marked reopened (their survey, not yet sent, is then skipped); a resolution it is in
 * now is recorded once, with the effort it took, and its survey job enqueued after the delay —
 * in one transaction, so the job exists if and only if the resolution does. Idempotent: the
 * key (conversation, resolved at) holds one row however often an event is processed.
 */
export async function resolutionRecorder(
  services: Pick<Services, "db" | "queue">,
  props: { accountId: string; conversationId: string; now?: Date },
): Promise<void> {
  const { accountId, conversationId } = props;
  const now = props.now ?? new Date();
  await services.db.transaction().execute(async (trx) => {
    const conversation = await trx
      .selectFrom("conversations")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("id", "=", conversationId)
      .forUpdate()
      .executeTakeFirst();
    if (!conversation) return;
    const current = conversation.status === "resolved" ? conversation.resolved_at : null;

    let left = trx
      .updateTable("resolutions")
      .set({
        reopened_at: now,
        // A survey not yet sent is about a resolution that no longer holds: never sent.
        survey_status: sql<SurveyStatus>`case when survey_status = 'pending' then 'skipped' else survey_status end`,
        survey_reason: sql<string>`case when survey_status = 'pending' then 'reopened' else survey_reason end`,
      })
      .where("account_id", "=", accountId)
      .where("conversation_id", "=", conversationId)
      .where("reopened_at", "is", null);
    if (current) left = left.where("resolved_at", "!=", current);
    await left.execute();
    if (!current) return;

    const effort = await effortOf(trx, conversation, current);
    const inserted = await trx
      .insertInto("resolutions")
      .values({
        account_id: accountId,
        conversation_id: conversationId,
        contact_id: conversation.contact_id,
        channel_id: conversation.channel_id,
        team_id: conversation.team_id,
        assignee_id: conversation.assignee_id,
        category: conversation.category,
        resolved_at: current,
        contacts: effort.contacts,
        channel_switch: effort.channelSwitch,
      })
      .onConflict((conflict) =>
        conflict.columns(["account_id", "conversation_id", "resolved_at"]).doNothing(),
      )
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return;
    const settings = await loadSurveySettings(trx, accountId);
    const startAfter = new Date(current.getTime() + settings.delayMinutes * 60_000);
    await services.queue.send(
      trx,
      ASK_SURVEY,
      { accountId, resolutionId: inserted.id },
      { startAfter, singletonKey: `survey:${accountId}:${inserted.id}` },
    );
  });
}

/**
 * What a resolution cost the customer. Contacts: each time they had to write again — a run of
 * their messages that no reply interrupts — since the conversation's previous resolution, plus
 * each other conversation of the same problem: the earlier ones of its repeat chain (linked on
 * any channel, any time), and any they opened on another channel in the account's repeat window
 * (a channel switch). A conversation merged into this one counts through its messages, not twice.
 */
async function effortOf(
  trx: Kysely<DB>,
  conversation: Conversation,
  resolvedAt: Date,
): Promise<{ contacts: number; channelSwitch: boolean }> {
  const previous = await trx
    .selectFrom("resolutions")
    .select((eb) => eb.fn.max("resolved_at").as("at"))
    .where("account_id", "=", conversation.account_id)
    .where("conversation_id", "=", conversation.id)
    .where("resolved_at", "<", resolvedAt)
    .executeTakeFirst();
  const since = previous?.at ? new Date(previous.at) : new Date(0);
  const { rows } = await sql<{ turns: string | number }>`
    select count(*) as turns from (
      select direction, lag(direction) over (order by created_at, id) as before
      from messages
      where account_id = ${conversation.account_id}
        and conversation_id = ${conversation.id}
        and created_at > ${since} and created_at <= ${resolvedAt}
        and deleted_at is null
        and (direction = 'in' or author_user_id is not null)
    ) turns
    where direction = 'in' and (before is null or before <> 'in')`.execute(trx);
  const turns = Number(rows[0]?.turns ?? 0);
  const account = await trx
    .selectFrom("accounts")
    .select("repeat_window_days")
    .where("id", "=", conversation.account_id)
    .executeTakeFirst();
  const windowDays = account?.repeat_window_days ?? REPEAT_WINDOW_DAYS;
  const windowStart = new Date(conversation.created_at.getTime() - windowDays * DAY_MS);
  const chainId = conversation.chain_id;
  const others = await trx
    .selectFrom("conversations")
    .select((eb) => [
      eb.fn.countAll<string>().as("count"),
      eb.fn
        .count<string>("id")
        .filterWhere((w) =>
          conversation.channel_id
            ? w.or([w("channel_id", "is", null), w("channel_id", "!=", conversation.channel_id)])
            : w("channel_id", "is not", null),
        )
        .as("switched"),
    ])
    .where("account_id", "=", conversation.account_id)
    .where("contact_id", "=", conversation.contact_id)
    .where("id", "!=", conversation.id)
    .where("merged_into_id", "is", null)
    .where("created_at", "<=", resolvedAt)
    .where((eb) => {
      const otherChannelInWindow = eb.and([
        eb("created_at", ">=", windowStart),
        conversation.channel_id
          ? eb.or([eb("channel_id", "is", null), eb("channel_id", "!=", conversation.channel_id)])
          : eb("channel_id", "is not", null),
      ]);
      return chainId
        ? eb.or([eb("chain_id", "=", chainId), eb("id", "=", chainId), otherChannelInWindow])
        : otherChannelInWindow;
    })
    .executeTakeFirst();
  const sameProblem = Number(others?.count ?? 0);
  return {
    contacts: Math.max(1, turns) + sameProblem,
    channelSwitch: Number(others?.switched ?? 0) > 0,
  };
}
