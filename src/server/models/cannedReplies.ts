import type { Kysely } from "kysely";
import type { CannedReply, DB } from "../db/schema.ts";
import { conflict } from "../errors.ts";

/** The account's canned replies by shortcut, those whose shortcut or title contains `q`. */
export async function listCannedReplies(
  db: Kysely<DB>,
  accountId: string,
  q?: string,
): Promise<CannedReply[]> {
  const pattern = q ? `%${q.replace(/[\\%_]/g, "\\$&")}%` : null;
  return db
    .selectFrom("canned_replies")
    .selectAll()
    .where("account_id", "=", accountId)
    .$if(pattern !== null, (query) =>
      query.where((eb) =>
        eb.or([eb("shortcut", "ilike", pattern ?? ""), eb("title", "ilike", pattern ?? "")]),
      ),
    )
    .orderBy("shortcut")
    .execute();
}

/** 409 when another canned reply of the account has this shortcut. */
export async function checkShortcut(
  db: Kysely<DB>,
  accountId: string,
  shortcut: string,
  exceptId?: string,
): Promise<void> {
  const row = await db
    .selectFrom("canned_replies")
    .select("id")
    .where("account_id", "=", accountId)
    .where("shortcut", "=", shortcut)
    .$if(Boolean(exceptId), (query) => query.where("id", "!=", exceptId ?? ""))
    .executeTakeFirst();
  if (row) throw conflict("shortcut_exists", `The shortcut "${shortcut}" is already used.`);
}
