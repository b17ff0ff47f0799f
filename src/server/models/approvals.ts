import type { Kysely } from "kysely";
import type { ApprovalStatus } from "../db/schema/backoffice.ts";
import type { DB } from "../db/schema.ts";
import { notFound } from "../errors.ts";

function approvalRows(db: Kysely<DB>, accountId: string) {
  return db
    .selectFrom("approvals as ap")
    .innerJoin("agent_actions as a", (join) =>
      join.onRef("a.account_id", "=", "ap.account_id").onRef("a.id", "=", "ap.action_id"),
    )
    .innerJoin("orders as o", (join) =>
      join.onRef("o.account_id", "=", "a.account_id").onRef("o.id", "=", "a.order_id"),
    )
    .innerJoin("users as u", (join) =>
      join.onRef("u.account_id", "=", "a.account_id").onRef("u.id", "=", "a.requested_by"),
    )
    .select([
      "ap.account_id",
      "ap.id",
      "ap.action_id",
      "ap.status",
      "ap.created_at",
      "a.type",
      "a.amount_cents",
      "a.currency",
      "a.lines",
      "a.reason",
      "a.requested_by",
      "a.conversation_id",
      "a.order_id",
      "o.number as order_number",
      "u.name as requested_by_name",
    ])
    .where("ap.account_id", "=", accountId);
}

export type ApprovalRow = Awaited<
  ReturnType<ReturnType<typeof approvalRows>["executeTakeFirstOrThrow"]>
>;

export async function listApprovals(
  db: Kysely<DB>,
  accountId: string,
  status: ApprovalStatus | undefined,
): Promise<ApprovalRow[]> {
  return approvalRows(db, accountId)
    .$if(status !== undefined, (query) => query.where("ap.status", "=", status as ApprovalStatus))
    .orderBy("ap.created_at", "desc")
    .limit(200)
    .execute();
}

export async function loadApproval(
  db: Kysely<DB>,
  accountId: string,
  id: string,
): Promise<ApprovalRow> {
  const row = await approvalRows(db, accountId).where("ap.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Approval");
  return row;
}
