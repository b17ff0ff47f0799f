import type { Actor } from "../auth/actor.ts";
import type { Team } from "../db/schema.ts";
import { replaceTeamHolidays } from "../models/slaPolicies.ts";
import type { Services } from "../services.ts";
import { changeRecorder } from "./changeRecorder.ts";

/** Replaces a team's holidays (one per date, the last given wins), audited with its event. */
export async function teamHolidaysReplacer(
  services: Services,
  props: { actor: Actor; team: Team; days: ReadonlyArray<{ date: string; name: string }> },
): Promise<void> {
  const { actor, team } = props;
  const unique = [...new Map(props.days.map((day) => [day.date, day])).values()];
  await changeRecorder(services.db, {
    actor,
    action: "team.holidays",
    subjectType: "team",
    write: async (trx) => {
      await replaceTeamHolidays(trx, actor.accountId, team.id, unique);
      return team;
    },
    data: () => ({ holidays: unique }),
    event: () => ({ name: "team.updated", payload: { teamId: team.id, changes: ["holidays"] } }),
  });
}
