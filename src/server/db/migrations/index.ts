import type { Migration } from "../migrate.ts";
import { initial } from "./20261123T0200_initial.ts";
import { triage } from "./20261123T0400_triage.ts";
import { routingRules } from "./20261123T0500_routing_rules.ts";
import { chatPhone } from "./20261123T0600_chat_phone.ts";
import { rateLimits } from "./20261123T0800_rate_limits.ts";
import { notificationReads } from "./20261123T1000_notification_reads.ts";
import { attachmentUploads } from "./20261123T1100_attachment_uploads.ts";
import { conversationsContactChannel } from "./20261123T1200_conversations_contact_channel.ts";
import { agentPresence } from "./20261123T1300_agent_presence.ts";
import { inboundAddresses } from "./20261207T0101_inbound_addresses.ts";
import { emailQuarantine } from "./20261207T0102_email_quarantine.ts";
import { fkSetNullColumns } from "./20261207T1401_fk_set_null_columns.ts";
import { chatSessionsLazyContact } from "./20261207T1402_chat_sessions_lazy_contact.ts";
import { notifications } from "./20261207T1403_notifications.ts";
import { waitingIndex } from "./20261207T1404_waiting_index.ts";
import { slaPromises } from "./20261207T1501_sla_promises.ts";
import { backofficeCatalogue } from "./20261207T1601_backoffice_catalogue.ts";
import { agentActions } from "./20261207T1602_agent_actions.ts";
import { delayNotices } from "./20261207T1603_delay_notices.ts";
import { surveys } from "./20261207T1701_surveys.ts";
import { viewerRole } from "./20261207T1801_viewer_role.ts";
import { slaClocksBreachedIndex } from "./20261208T1201_sla_clocks_breached_index.ts";
import { slaClocksRunningIndex } from "./20261208T1202_sla_clocks_running_index.ts";
import { pgTrgm } from "./20261208T1401_pg_trgm.ts";
import { contactNameTrigrams } from "./20261208T1402_contact_name_trigrams.ts";
import { identityHandleTrigrams } from "./20261208T1403_identity_handle_trigrams.ts";
import { contactMentions } from "./20261208T1404_contact_mentions.ts";
import { contactMerges } from "./20261208T1405_contact_merges.ts";
import { contactPairDismissals } from "./20261208T1406_contact_pair_dismissals.ts";
import { messageIdentity } from "./20261208T1407_message_identity.ts";
import { auditSubjectIndex } from "./20261208T1408_audit_subject_index.ts";
import { conversationRepeats } from "./20261208T1409_conversation_repeats.ts";
import { repeatSettings } from "./20261208T1410_repeat_settings.ts";
import { contactSuggestions } from "./20261208T1411_contact_suggestions.ts";
import { contactEmailPhoneIndex } from "./20261208T1412_contact_email_phone_index.ts";
import { reportSchedules } from "./20261208T1501_report_schedules.ts";
import { reportDeliveries } from "./20261208T1502_report_deliveries.ts";
import { dashboardSelections } from "./20261208T1503_dashboard_selections.ts";
import { ruleTriggerLowScore } from "./20261208T1504_rule_trigger_low_score.ts";
import { shopLinks } from "./20261208T1601_shop_links.ts";
import { actionPushes } from "./20261208T1602_action_pushes.ts";
import { conversationSlaDue } from "./20261209T1201_conversation_sla_due.ts";
import { acknowledgements } from "./20261209T1202_acknowledgements.ts";
import { arrivalEstimates } from "./20261209T1301_arrival_estimates.ts";
import { conversationMerges } from "./20261209T1501_conversation_merges.ts";
import { conversationRepeatOfIndex } from "./20261209T1502_conversation_repeat_of_index.ts";
import { orderIdentity } from "./20261209T1503_order_identity.ts";
import { accountSearchIndexes } from "./20261209T1601_account_search_indexes.ts";
import { labels } from "./20261209T1701_labels.ts";
import { conversationLabelsIndex } from "./20261209T1702_conversation_labels_index.ts";
import { accountPublicName } from "./20261209T1801_account_public_name.ts";
import { demoRecords } from "./20261209T1802_demo_records.ts";
import { listening } from "./20261211T1101_listening.ts";

/** Every migration, oldest first. Add new ones at the end; never edit one that has shipped. */
import { ideas } from "./20261211T1201_ideas.ts";
import { stories } from "./20261211T1301_stories.ts";
import { helpArticles } from "./20261211T1401_help_articles.ts";
import { helpCentreSettings } from "./20261211T1402_help_centre_settings.ts";
import { userSignature } from "./20261211T1601_user_signature.ts";
import { channelSignPublicReplies } from "./20261211T1602_channel_sign_public_replies.ts";
import { contactBlocked } from "./20261211T1603_contact_blocked.ts";
import { conversationSpam } from "./20261211T1604_conversation_spam.ts";
import { accountAssignOnReply } from "./20261211T1605_account_assign_on_reply.ts";
import { messageNextAttempt } from "./20261211T1701_message_next_attempt.ts";
import { notificationKinds } from "./20261211T1702_notification_kinds.ts";
import { notificationSettings } from "./20261211T1703_notification_settings.ts";
import { channelHealth } from "./20261211T1704_channel_health.ts";

export const migrations: readonly Migration[] = [
  initial,
  triage,
  routingRules,
  chatPhone,
  rateLimits,
  notificationReads,
  attachmentUploads,
  agentPresence,
  conversationsContactChannel,
  inboundAddresses,
  emailQuarantine,
  fkSetNullColumns,
  chatSessionsLazyContact,
  notifications,
  waitingIndex,
  slaPromises,
  backofficeCatalogue,
  agentActions,
  delayNotices,
  surveys,
  viewerRole,
  slaClocksBreachedIndex,
  slaClocksRunningIndex,
  shopLinks,
  actionPushes,
  reportSchedules,
  reportDeliveries,
  dashboardSelections,
  ruleTriggerLowScore,
  pgTrgm,
  contactNameTrigrams,
  identityHandleTrigrams,
  contactMentions,
  contactMerges,
  contactPairDismissals,
  messageIdentity,
  auditSubjectIndex,
  conversationRepeats,
  repeatSettings,
  contactSuggestions,
  contactEmailPhoneIndex,
  conversationSlaDue,
  acknowledgements,
  conversationMerges,
  conversationRepeatOfIndex,
  orderIdentity,
  arrivalEstimates,
  accountSearchIndexes,
  accountPublicName,
  demoRecords,
  labels,
  conversationLabelsIndex,
  messageNextAttempt,
  notificationKinds,
  notificationSettings,
  channelHealth,
  ideas,
  stories,
  helpArticles,
  helpCentreSettings,
  userSignature,
  channelSignPublicReplies,
  contactBlocked,
  conversationSpam,
  accountAssignOnReply,
  listening,
];
