import type { Migration } from "../migrate.ts";

/**
 * Notifications are worded by the reader's app from their kind and params, never from stored
 * text (only a rule's own text, written by an admin, stays text). The kind and the subject (the
 * conversation, and the rule or action within it) become columns, so repeats within a short
 * window are found (one notification, not two) and agents can mute a kind. Existing rows get
 * their kind from their payload, and the two sentences the server used to store in English
 * (a low survey score, an approval needed) become params.
 */
export const notificationKinds: Migration = {
  name: "20261211T1702_notification_kinds",
  statements: [
    `alter table notifications add column kind text not null default 'other'`,
    `alter table notifications add column subject text`,
    `update notifications set kind = case
        when payload->>'notificationKind' is not null then payload->>'notificationKind'
        when payload->>'ruleId' is not null then 'rule'
        when payload->'changes' ? 'callback.due' then 'callback_due'
        when payload->'changes' ? 'sla.warning' then 'sla_warning'
        when payload->'changes' ? 'sla.breached' then 'sla_breached'
        when payload->'changes' ? 'promise.broken' then 'promise_broken'
        when payload->'changes' ? 'survey.low_score' then 'survey_low_score'
        when payload->>'actionId' is not null and payload->>'text' like 'Approval needed: %'
          then 'approval_needed'
        else 'other' end`,
    `update notifications
        set payload = (payload - 'text') || jsonb_build_object(
          'notificationKind', 'survey_low_score',
          'params', jsonb_build_object('scores', substring(payload->>'text' from 'Low survey score: (.*)$')))
      where kind = 'survey_low_score' and payload->>'text' like 'Low survey score: %'`,
    `update notifications
        set payload = (payload - 'text') || jsonb_build_object(
          'notificationKind', 'approval_needed',
          'params', jsonb_build_object('action', substring(payload->>'text' from 'Approval needed: (.*)$')))
      where kind = 'approval_needed'`,
    `update notifications set subject = concat_ws(':',
        payload->>'conversationId', payload->>'ruleId', payload->>'actionId',
        payload->>'promiseId', payload->>'target')`,
    `create index notifications_repeats on notifications (account_id, kind, subject, created_at)`,
  ],
};
