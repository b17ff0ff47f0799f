import type { Kysely } from "kysely";
import type { Locale } from "../../shared/enums.ts";
import type { Actor } from "../auth/actor.ts";
import type { Account, DB } from "../db/schema.ts";
import { updateAccount } from "../models/accounts.ts";
import { changeRecorder } from "./changeRecorder.ts";

export interface AccountUpdaterProps {
  actor: Actor;
  changes: {
    name?: string;
    timeZone?: string;
    locale?: Locale;
    publicName?: string | null;
    assignOnReply?: boolean;
  };
}

/** Renames the actor's account or changes its time zone, language or business name, with its event and audit. */
export async function accountUpdater(db: Kysely<DB>, props: AccountUpdaterProps): Promise<Account> {
  const { actor, changes } = props;
  return changeRecorder(db, {
    actor,
    action: "account.update",
    subjectType: "account",
    write: (trx) =>
      updateAccount(trx, actor.accountId, {
        name: changes.name,
        time_zone: changes.timeZone,
        locale: changes.locale,
        // An empty business name means "use the organisation's name".
        public_name: changes.publicName === undefined ? undefined : changes.publicName || null,
        assign_on_reply: changes.assignOnReply,
      }),
    data: () => ({ ...changes }),
    event: () => ({ name: "account.updated", payload: { changes: Object.keys(changes) } }),
  });
}
