import { type Kysely, sql } from "kysely";
import { conversationSystemUpdater } from "../commands/conversationSystemUpdater.ts";
import type { Conversation, DB } from "../db/schema.ts";
import { lockConversation } from "../models/conversations.ts";
import type { Services } from "../services.ts";
import { pickAssignee } from "./assignment.ts";
import { bestTeam } from "./skills.ts";

/** How many queued conversations one pass of a team's filler hands out at most. */
const FILL_BATCH = 100;

/**
 * A conversation whose customer message is still to be triaged: routing waits for triage's
 * `conversation.updated` (changes ["triage"]), since language and category decide the team.
 */
async function triagePending(trx: Kysely<DB>, conversation: Conversation): Promise<boolean> {
  if (conversation.triaged_at) return false;
  const last = await trx
    .selectFrom("messages")
    .select("text")
    .where("account_id", "=", conversation.account_id)
    .where("conversation_id", "=", conversation.id)
    .where("direction", "=", "in")
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return Boolean(last?.text.trim());
}

/**
 * Routes an open conversation: without a team, it gets the team whose skills fit best (or stays
 * unrouted when none fits); then its team's queue is served (see teamFiller), so it is assigned
 * if the team assigns automatically and someone can take it.
 */
export async function conversationRouter(
  services: Services,
  props: { accountId: string; conversationId: string; waitForTriage?: boolean },
): Promise<{ teamId: string | null; assigned: number }> {
  const teamId = await services.db.transaction().execute(async (trx) => {
    const conversation = await lockConversation(trx, props.accountId, props.conversationId);
    if (conversation?.status !== "open") return null;
    if (conversation.team_id) return conversation.team_id;
    if (props.waitForTriage && (await triagePending(trx, conversation))) return null;
    const channel = conversation.channel_id
      ? await trx
          .selectFrom("channels")
          .select("kind")
          .where("account_id", "=", props.accountId)
          .where("id", "=", conversation.channel_id)
          .executeTakeFirst()
      : undefined;
    const teams = await trx
      .selectFrom("teams")
      .select(["id", "name", "skills"])
      .where("account_id", "=", props.accountId)
      .execute();
    const team = bestTeam(teams, {
      language: conversation.language,
      category: conversation.category,
      channelKind: channel?.kind ?? null,
    });
    if (!team) return null;
    await conversationSystemUpdater(trx, {
      accountId: props.accountId,
      conversationId: conversation.id,
      changes: { teamId: team.id },
      reason: { by: "routing" },
    });
    return team.id;
  });
  if (!teamId) return { teamId: null, assigned: 0 };
  return { teamId, assigned: await teamFiller(services, { accountId: props.accountId, teamId }) };
}

/**
 * Serves a team's queue: its open conversations that nobody holds go, oldest waiting first, to
 * the member the team's assignment mode picks, until nobody can take more. Runs whenever a
 * conversation joins the queue or capacity may have freed (a conversation resolved, snoozed or
 * reassigned, an agent back, the team's settings changed). The team row lock makes concurrent
 * fillers of one team take turns, so the round-robin cursor and loads stay exact.
 */
export async function teamFiller(
  services: Services,
  props: { accountId: string; teamId: string },
): Promise<number> {
  const { accountId, teamId } = props;
  return services.db.transaction().execute(async (trx) => {
    const team = await trx
      .selectFrom("teams")
      .select(["id", "assignment", "max_open_per_agent", "last_assigned_user_id"])
      .where("account_id", "=", accountId)
      .where("id", "=", teamId)
      // Not FOR UPDATE: conversations referencing the team must still pass their key checks.
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!team || team.assignment === "manual") return 0;
    const queue = await trx
      .selectFrom("conversations")
      .select("id")
      .where("account_id", "=", accountId)
      .where("team_id", "=", teamId)
      .where("assignee_id", "is", null)
      .where("status", "=", "open")
      .orderBy(sql`coalesce(waiting_since, created_at)`)
      .orderBy("created_at")
      .orderBy("id")
      .limit(FILL_BATCH)
      // Wait for a row another transaction holds (the SLA clocks, triage) rather than skip it:
      // a skipped conversation would stay unassigned until something else woke the filler.
      // Rows assigned meanwhile drop out when the lock is granted (PostgreSQL re-checks them).
      .forUpdate()
      .execute();
    if (queue.length === 0) return 0;

    const candidates = await loadCandidates(trx, accountId, teamId);
    let cursor = team.last_assigned_user_id;
    let assigned = 0;
    for (const conversation of queue) {
      const userId = pickAssignee(candidates, {
        mode: team.assignment,
        maxOpenPerAgent: team.max_open_per_agent,
        lastAssignedUserId: cursor,
      });
      if (!userId) break;
      await conversationSystemUpdater(trx, {
        accountId,
        conversationId: conversation.id,
        changes: { assigneeId: userId },
        reason: { by: "routing", mode: team.assignment },
      });
      const chosen = candidates.find((candidate) => candidate.userId === userId);
      if (chosen) chosen.openCount += 1;
      cursor = userId;
      assigned += 1;
    }
    if (cursor !== team.last_assigned_user_id) {
      await trx
        .updateTable("teams")
        .set({ last_assigned_user_id: cursor })
        .where("account_id", "=", accountId)
        .where("id", "=", teamId)
        .execute();
    }
    return assigned;
  });
}

/** The team's active members, whether they are available, and how many open conversations each holds. */
async function loadCandidates(trx: Kysely<DB>, accountId: string, teamId: string) {
  const members = await trx
    .selectFrom("team_members as tm")
    .innerJoin("users as u", (join) =>
      join.onRef("u.account_id", "=", "tm.account_id").onRef("u.id", "=", "tm.user_id"),
    )
    .select(["u.id", "u.available"])
    .where("tm.account_id", "=", accountId)
    .where("tm.team_id", "=", teamId)
    .where("u.disabled_at", "is", null)
    .execute();
  if (members.length === 0) return [];
  const loads = await trx
    .selectFrom("conversations")
    .select(["assignee_id", sql<number>`count(*)::int`.as("count")])
    .where("account_id", "=", accountId)
    .where("status", "=", "open")
    .where(
      "assignee_id",
      "in",
      members.map((member) => member.id),
    )
    .groupBy("assignee_id")
    .execute();
  return members.map((member) => ({
    userId: member.id,
    available: member.available,
    openCount: Number(loads.find((load) => load.assignee_id === member.id)?.count ?? 0),
  }));
}

/**
 * Serves every automatically assigning team of the account that has a queue: what runs when
 * capacity may have freed somewhere (the event rarely says whose).
 */
export async function queuedTeamsFiller(services: Services, accountId: string): Promise<number> {
  const teams = await services.db
    .selectFrom("conversations as c")
    .innerJoin("teams as t", (join) =>
      join.onRef("t.account_id", "=", "c.account_id").onRef("t.id", "=", "c.team_id"),
    )
    .select("t.id")
    .distinct()
    .where("c.account_id", "=", accountId)
    .where("c.assignee_id", "is", null)
    .where("c.status", "=", "open")
    .where("t.assignment", "!=", "manual")
    .execute();
  let assigned = 0;
  for (const team of teams) assigned += await teamFiller(services, { accountId, teamId: team.id });
  return assigned;
}
