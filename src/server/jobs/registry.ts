import { remindCallbacksTask } from "../callbacks/reminders.ts";
import { chatOfflineProcessor } from "../channels/chat/offline.ts";
import { shopifySyncProcessor } from "../channels/shopify/provider.ts";
import { shopifyActionsProcessor, shopifyPushActionTask } from "../channels/shopify/push.ts";
import { shopifyWebhooksProcessor } from "../channels/shopify/registration.ts";
import { shopifySyncTask } from "../channels/shopify/sync.ts";
import { announceIdeaStatusTask } from "../ideas/announcer.ts";
import {
  deliverListeningAlertTask,
  ensureListeningTask,
  listeningPollersProcessor,
  pollListeningTask,
} from "../listening/jobs.ts";
import { sendScheduledReportTask } from "../reports/schedule/sender.ts";
import { sweepReportSchedulesTask } from "../reports/schedule/sweeper.ts";
import type { Services } from "../services.ts";
import { askSurveyTask } from "../surveys/asker.ts";
import { type Processor, processorTask } from "./processor.ts";
import { acknowledgementProcessor } from "./processors/acknowledgement.ts";
import { automationProcessor } from "./processors/automation.ts";
import { channelPollersProcessor } from "./processors/channelPollers.ts";
import { customerEvidenceProcessor } from "./processors/customerEvidence.ts";
import { identityProfilesProcessor } from "./processors/identityProfiles.ts";
import { inboundActivityProcessor } from "./processors/inboundActivity.ts";
import { inboundMediaProcessor } from "./processors/inboundMedia.ts";
import { notificationEmailsProcessor } from "./processors/notificationEmails.ts";
import { slaProcessor } from "./processors/sla.ts";
import { surveysProcessor } from "./processors/surveys.ts";
import { triageProcessor } from "./processors/triage.ts";
import type { TaskDefinition } from "./queue.ts";
import { announceShipmentDelaysTask } from "./tasks/announceShipmentDelays.ts";
import { deliverMessageTask } from "./tasks/deliverMessage.ts";
import { ensurePollersTask } from "./tasks/ensurePollers.ts";
import { pollChannelTask } from "./tasks/pollChannel.ts";
import { promiseDueTask, sweepPromisesTask } from "./tasks/promiseDue.ts";
import { pruneEventsTask } from "./tasks/pruneEvents.ts";
import { refreshUrgencyTask } from "./tasks/refreshUrgency.ts";
import { sweepChatVisitorsTask } from "./tasks/sweepChatVisitors.ts";
import { sweepSlaTask } from "./tasks/sweepSla.ts";
import { sweepUploadsTask } from "./tasks/sweepUploads.ts";
import { wakeSnoozedTask } from "./tasks/wakeSnoozed.ts";

/** Every processor (reacting to events), listed explicitly. */
export const processors: readonly Processor[] = [
  channelPollersProcessor,
  triageProcessor,
  automationProcessor,
  chatOfflineProcessor,
  identityProfilesProcessor,
  surveysProcessor,
  inboundMediaProcessor,
  slaProcessor,
  shopifySyncProcessor,
  shopifyActionsProcessor,
  customerEvidenceProcessor,
  acknowledgementProcessor,
  shopifyWebhooksProcessor,
  notificationEmailsProcessor,
  inboundActivityProcessor,
  listeningPollersProcessor,
];

/** Every task (durable work) and each processor's task, listed explicitly. */
export const tasks: ReadonlyArray<TaskDefinition<unknown, Services>> = [
  erase(deliverMessageTask),
  erase(wakeSnoozedTask),
  erase(pollChannelTask),
  erase(ensurePollersTask),
  erase(refreshUrgencyTask),
  erase(remindCallbacksTask),
  erase(sweepUploadsTask),
  erase(sweepChatVisitorsTask),
  erase(askSurveyTask),
  erase(pruneEventsTask),
  erase(sweepSlaTask),
  erase(promiseDueTask),
  erase(sweepPromisesTask),
  erase(announceShipmentDelaysTask),
  erase(shopifySyncTask),
  erase(shopifyPushActionTask),
  erase(sweepReportSchedulesTask),
  erase(sendScheduledReportTask),
  erase(announceIdeaStatusTask),
  erase(pollListeningTask),
  erase(ensureListeningTask),
  erase(deliverListeningAlertTask),
  ...processors.map((processor) => erase(processorTask(processor))),
];

/** Each task checks its payload with its own schema before running. */
function erase<Payload>(
  task: TaskDefinition<Payload, Services>,
): TaskDefinition<unknown, Services> {
  return task as unknown as TaskDefinition<unknown, Services>;
}

/** Recurring tasks: name, cron (UTC). */
export const schedules: ReadonlyArray<{ name: string; cron: string }> = [
  { name: wakeSnoozedTask.name, cron: "* * * * *" },
  { name: ensurePollersTask.name, cron: "* * * * *" },
  { name: refreshUrgencyTask.name, cron: "*/5 * * * *" },
  { name: remindCallbacksTask.name, cron: "* * * * *" },
  { name: sweepUploadsTask.name, cron: "17 * * * *" },
  { name: sweepChatVisitorsTask.name, cron: "23 * * * *" },
  { name: pruneEventsTask.name, cron: "41 * * * *" },
  { name: sweepSlaTask.name, cron: "* * * * *" },
  { name: sweepPromisesTask.name, cron: "* * * * *" },
  { name: sweepReportSchedulesTask.name, cron: "* * * * *" },
  { name: ensureListeningTask.name, cron: "* * * * *" },
];
