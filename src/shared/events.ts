/**
 * Event names, `<resource>.<verb>`: the same strings in the events table, the job queue, the
 * WebSocket and the web app's handlers.
 */
export const EVENT_NAMES = [
  "conversation.created",
  "conversation.updated",
  "message.created",
  "message.updated",
  "contact.created",
  "contact.updated",
  "contact.merged",
  "channel.created",
  "channel.updated",
  "channel.deleted",
  "user.created",
  "user.updated",
  "team.created",
  "team.updated",
  "team.deleted",
  "conversation.typing",
  "notification.created",
  "email_quarantine.created",
  "email_quarantine.updated",
  "order.created",
  "order.updated",
  "agent_action.created",
  "agent_action.updated",
  "delay.created",
  "sla.warning",
  "sla.breached",
  "promise.created",
  "promise.updated",
  "product.updated",
  "account.updated",
  "report_schedule.created",
  "report_schedule.updated",
  "report_schedule.deleted",
  "report_schedule.sent",
  "contact.unmerged",
  "idea.created",
  "idea.updated",
  "idea.deleted",
  "story.created",
  "story.published",
  "story.deleted",
  "article.created",
  "article.updated",
  "article.deleted",
  "listening_query.created",
  "listening_query.updated",
  "listening_query.deleted",
  "mention.created",
  "listening.spike",
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** What every event carries: ids only, so clients refetch what they show. */
export interface EventPayload {
  conversationId?: string;
  messageId?: string;
  contactId?: string;
  /** contact.merged: the contact merged into `contactId`, now deleted. */
  mergedContactId?: string;
  channelId?: string;
  userId?: string;
  teamId?: string;
  changes?: string[];
  /** notification.created: what to tell agents, and whom (everyone when absent or empty). */
  text?: string;
  userIds?: string[];
  ruleId?: string;
  /** email_quarantine.*: the quarantined mail. */
  quarantineId?: string;
  /** Back office: the order, the agent action, the delay announced. */
  orderId?: string;
  actionId?: string;
  delayId?: string;
  /** sla.*: the clock's target (firstResponse, nextResponse, resolution) and due time. */
  target?: string;
  dueAt?: string;
  /** promise.*: the promise. */
  promiseId?: string;
  /** product.updated: the product's SKU (stock, restock date, price). */
  sku?: string;
  /** report_schedule.*: the schedule (and, when sent, the period's start). */
  scheduleId?: string;
  periodStart?: string;
  /**
   * notification.created worded by the reader's app, not stored as text: its kind ("mention")
   * and the values the sentence needs (who, which conversation).
   */
  notificationKind?: string;
  /** listening_query.*, mention.created, listening.spike: the query, mention and alert. */
  queryId?: string;
  mentionId?: string;
  alertId?: string;
  params?: Record<string, string | number>;
  /** notification.created: the stored notification (its id in the account's sequence). */
  notificationId?: string;
  /** idea.*: the idea (and, for a merge, the idea merged into it, now deleted). */
  ideaId?: string;
  mergedIdeaId?: string;
  /** story.*: the story. */
  storyId?: string;
  /** article.*: the help-centre article. */
  articleId?: string;
}

export interface LiveEvent {
  id: number;
  name: EventName;
  accountId: string;
  payload: EventPayload;
  actorUserId: string | null;
  createdAt: string;
}
