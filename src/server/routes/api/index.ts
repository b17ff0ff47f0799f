import type { RouteDefinition } from "../route.ts";
import { accountDemoRoutes } from "./account-demo/accountDemo.ts";
import { agentActionRoutes } from "./agent-actions/agentActions.ts";
import { articleRoutes } from "./articles/articles.ts";
import { articleCategoryRoutes } from "./articles/categories.ts";
import { attachmentRoutes } from "./attachments/attachments.ts";
import { auditRoutes } from "./audit/audit.ts";
import { callbackApiRoutes } from "./callbacks/index.ts";
import { cannedReplyRoutes } from "./canned-replies/cannedReplies.ts";
import { channelRoutes } from "./channels/channels.ts";
import { channelTemplateRoutes } from "./channels/templates.ts";
import { channelWebhookRoutes } from "./channels/webhookRegistration.ts";
import { contactBlockRoutes } from "./contacts/block.ts";
import { contactRoutes } from "./contacts/contacts.ts";
import { contactCustomerRoutes } from "./contacts/customer.ts";
import { contactMergeRoutes } from "./contacts/merge.ts";
import { conversationBulkRoutes } from "./conversations/bulk.ts";
import { conversationRoutes } from "./conversations/conversations.ts";
import { conversationMergeRoutes } from "./conversations/merge.ts";
import { conversationSpamRoutes } from "./conversations/spam.ts";
import { delayRoutes } from "./delays/delays.ts";
import { emailQuarantineRoutes } from "./email-quarantine/emailQuarantine.ts";
import { helpCentreRoutes } from "./help-centre/helpCentre.ts";
import { ideaActionRoutes } from "./ideas/actions.ts";
import { ideaRoutes } from "./ideas/ideas.ts";
import { labelRoutes } from "./labels/labels.ts";
import { listeningQueryRoutes } from "./listening/queries.ts";
import { mentionRoutes } from "./mentions/mentions.ts";
import { notificationSettingsRoutes } from "./notification-settings/notificationSettings.ts";
import { notificationRoutes } from "./notifications/notifications.ts";
import { orderRoutes } from "./orders/orders.ts";
import { productRoutes } from "./products/products.ts";
import { promiseRoutes } from "./promises/promises.ts";
import { repeatSettingsRoutes } from "./repeats/repeats.ts";
import { reportScheduleRoutes } from "./report-schedules/reportSchedules.ts";
import { dashboardRoutes } from "./reports/dashboard.ts";
import { reportRoutes } from "./reports/reports.ts";
import { slaReportRoutes } from "./reports/sla.ts";
import { ruleRoutes } from "./rules/rules.ts";
import { sessionRoutes } from "./session/session.ts";
import { setupRoutes } from "./setup/setup.ts";
import { acknowledgementRoutes } from "./sla-policies/acknowledgements.ts";
import { holidayRoutes } from "./sla-policies/holidays.ts";
import { slaPolicyRoutes } from "./sla-policies/slaPolicies.ts";
import { storyRoutes } from "./stories/stories.ts";
import { surveyRoutes } from "./surveys/surveys.ts";
import { teamAssignmentRoutes } from "./team-assignment/teamAssignment.ts";
import { teamRoutes } from "./teams/teams.ts";
import { tokenRoutes } from "./tokens/tokens.ts";
import { userRoutes } from "./users/users.ts";

/** Every API v1 route, listed explicitly (and enumerated by the cross-tenant test). */
export const apiRoutes: readonly RouteDefinition[] = [
  ...sessionRoutes,
  ...setupRoutes,
  ...conversationRoutes,
  ...contactRoutes,
  ...contactMergeRoutes,
  ...notificationRoutes,
  ...userRoutes,
  ...teamRoutes,
  ...channelRoutes,
  ...channelTemplateRoutes,
  ...channelWebhookRoutes,
  ...tokenRoutes,
  ...attachmentRoutes,
  ...callbackApiRoutes,
  ...ruleRoutes,
  ...cannedReplyRoutes,
  ...teamAssignmentRoutes,
  ...emailQuarantineRoutes,
  ...orderRoutes,
  ...productRoutes,
  ...surveyRoutes,
  ...reportRoutes,
  ...agentActionRoutes,
  ...delayRoutes,
  ...slaPolicyRoutes,
  ...holidayRoutes,
  ...promiseRoutes,
  ...slaReportRoutes,
  ...reportScheduleRoutes,
  ...dashboardRoutes,
  ...contactCustomerRoutes,
  ...auditRoutes,
  ...acknowledgementRoutes,
  ...conversationMergeRoutes,
  ...repeatSettingsRoutes,
  ...accountDemoRoutes,
  ...labelRoutes,
  ...conversationBulkRoutes,
  ...notificationSettingsRoutes,
  ...ideaActionRoutes,
  ...ideaRoutes,
  ...storyRoutes,
  ...articleRoutes,
  ...articleCategoryRoutes,
  ...helpCentreRoutes,
  ...contactBlockRoutes,
  ...conversationSpamRoutes,
  ...listeningQueryRoutes,
  ...mentionRoutes,
];
