import type { DemoRecordTableName } from "../db/schema.ts";

/** Demo counts under the API's names. */
export function presentDemoCounts(counts: Record<DemoRecordTableName, number>) {
  return {
    conversations: counts.conversations,
    contacts: counts.contacts,
    channels: counts.channels,
    rules: counts.rules,
    cannedReplies: counts.canned_replies,
    teams: counts.teams,
    users: counts.users,
  };
}
