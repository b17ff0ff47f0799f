import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.ts";
import { changeRecorder } from "../commands/changeRecorder.ts";
import type { Account, DB } from "../db/schema.ts";

export interface RepeatSettings {
  /** A customer back about the same problem within this many days is a repeat (1 to 90). */
  repeatWindowDays: number;
  /** "link": the new conversation is linked; "reopen": it reopens a resolved one on its channel. */
  repeatAction: "link" | "reopen";
}

export function presentRepeatSettings(account: Account): RepeatSettings {
  return { repeatWindowDays: account.repeat_window_days, repeatAction: account.repeat_action };
}

export async function loadRepeatSettings(
  db: Kysely<DB>,
  accountId: string,
): Promise<RepeatSettings> {
  const account = await db
    .selectFrom("accounts")
    .selectAll()
    .where("id", "=", accountId)
    .executeTakeFirstOrThrow();
  return presentRepeatSettings(account);
}

/** Changes how repeats are found and handled, with its `account.updated` event and audit entry. */
export async function repeatSettingsUpdater(
  db: Kysely<DB>,
  props: { actor: Actor; changes: Partial<RepeatSettings> },
): Promise<RepeatSettings> {
  const { actor, changes } = props;
  const account = await changeRecorder(db, {
    actor,
    action: "account.update",
    subjectType: "account",
    write: (trx) =>
      trx
        .updateTable("accounts")
        .set({
          repeat_window_days: changes.repeatWindowDays,
          repeat_action: changes.repeatAction,
        })
        .where("id", "=", actor.accountId)
        .returningAll()
        .executeTakeFirstOrThrow(),
    data: () => ({ ...changes }),
    event: () => ({ name: "account.updated", payload: { changes: Object.keys(changes) } }),
  });
  return presentRepeatSettings(account);
}
