import type { Kysely } from "kysely";
import type { ListeningNetwork, ListeningQuery } from "../db/schema/listening.ts";
import type { DB } from "../db/schema.ts";
import { unprocessable } from "../errors.ts";

export const LISTENING_KINDS: readonly ListeningNetwork[] = ["x", "mastodon", "bluesky"];

/** The account's listening queries by name. */
export function listListeningQueries(db: Kysely<DB>, accountId: string): Promise<ListeningQuery[]> {
  return db
    .selectFrom("listening_queries")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("name")
    .orderBy("id")
    .execute();
}

/** 422 unless every channel named is one of the account's X, Mastodon or Bluesky channels. */
export async function checkListeningChannels(
  db: Kysely<DB>,
  accountId: string,
  channelIds: readonly string[],
): Promise<void> {
  const rows = await db
    .selectFrom("channels")
    .select(["id", "kind"])
    .where("account_id", "=", accountId)
    .where("id", "in", [...channelIds])
    .execute();
  const usable = new Set(
    rows
      .filter((row) => (LISTENING_KINDS as readonly string[]).includes(row.kind))
      .map((row) => row.id),
  );
  const wrong = channelIds.filter((id) => !usable.has(id));
  if (wrong.length > 0) {
    throw unprocessable(
      "channel_not_searchable",
      `Listening searches through the account's X, Mastodon or Bluesky channels; not ${wrong.join(", ")}.`,
    );
  }
}
