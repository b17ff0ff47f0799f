import type { Kysely } from "kysely";
import type { DashboardChart } from "../../shared/reportSchedules.ts";
import type { Actor } from "../auth/actor.ts";
import type { DB } from "../db/schema.ts";
import { recordEvent } from "../events/outbox.ts";
import { saveDashboardSelection } from "../models/reportSchedules.ts";

/** Saves which charts the actor sees on the Reports screen (each once, in the screen's order). */
export async function dashboardSelectionSaver(
  db: Kysely<DB>,
  props: { actor: Actor; charts: readonly DashboardChart[] },
): Promise<DashboardChart[]> {
  const { actor } = props;
  const charts = [...new Set(props.charts)];
  await db.transaction().execute(async (trx) => {
    await saveDashboardSelection(trx, { accountId: actor.accountId, userId: actor.userId, charts });
    await recordEvent(trx, {
      accountId: actor.accountId,
      name: "user.updated",
      payload: { userId: actor.userId, changes: ["dashboard"] },
      actorUserId: actor.userId,
    });
  });
  return charts;
}
