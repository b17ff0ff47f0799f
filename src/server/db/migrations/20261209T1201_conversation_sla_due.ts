import type { Migration } from "../migrate.ts";

/**
 * The inbox's "nearest due first" sort: each conversation keeps the nearest due time of its
 * running SLA clocks as its sort key (epoch milliseconds; 1e16, after every real time, when no
 * clock runs), kept by the SLA reconciler in the transaction that moves the clocks. An index on
 * (account, key, id) then serves the sort and its keyset pages without computing the key over
 * every conversation of the account.
 */
export const conversationSlaDue: Migration = {
  name: "20261209T1201_conversation_sla_due",
  statements: [
    `alter table conversations add column sla_due_key double precision not null default 1e16`,
    `update conversations c set sla_due_key = s.due_key
       from (select account_id, conversation_id,
                    min(extract(epoch from due_at) * 1000)::float8 as due_key
               from sla_clocks
              where met_at is null and superseded_at is null and due_at is not null
              group by account_id, conversation_id) s
      where c.account_id = s.account_id and c.id = s.conversation_id`,
    `create index conversations_sla_due on conversations (account_id, sla_due_key, id)`,
  ],
};
