import { conversationRouter, queuedTeamsFiller, teamFiller } from "../../routing/router.ts";
import { ruleOccasions, rulesRunner } from "../../rules/runner.ts";
import type { Services } from "../../services.ts";
import type { Processor, StoredEvent } from "../processor.ts";

/** Conversation changes after which an agent may have room for one more. */
const FREEING_CHANGES = ["status", "snoozedUntil", "assigneeId", "teamId"];
/** User changes that make an agent able, or no longer able, to take conversations. */
const AVAILABILITY_CHANGES = ["available", "disabled", "role"];

function changesOf(event: StoredEvent): string[] {
  const changes = event.payload.changes;
  return Array.isArray(changes) ? changes.filter((c): c is string => typeof c === "string") : [];
}

/** Routing's part of an event: route a new or freshly triaged conversation, or serve queues. */
async function route(services: Services, event: StoredEvent): Promise<void> {
  const { accountId } = event;
  const conversationId = event.payload.conversationId;
  const changes = changesOf(event);
  if (event.name === "conversation.created" && typeof conversationId === "string") {
    await conversationRouter(services, { accountId, conversationId, waitForTriage: true });
    return;
  }
  if (event.name === "conversation.updated" && typeof conversationId === "string") {
    if (changes.includes("triage")) {
      await conversationRouter(services, { accountId, conversationId });
    }
    if (changes.some((change) => FREEING_CHANGES.includes(change))) {
      await queuedTeamsFiller(services, accountId);
    }
    return;
  }
  if (event.name === "user.updated" && changes.some((c) => AVAILABILITY_CHANGES.includes(c))) {
    await queuedTeamsFiller(services, accountId);
    return;
  }
  const teamId = event.payload.teamId;
  if (event.name === "team.updated" && typeof teamId === "string") {
    await teamFiller(services, { accountId, teamId });
  }
}

/**
 * Rules, then routing, for each event that may call for them. One processor, so that on a new
 * or triaged conversation the account's rules (explicit decisions: "delivery.* → Livraisons")
 * act before skills-based routing fills in what they left open. Both are idempotent: rules
 * through `rule_runs`, routing because it only routes what has no team and only assigns what
 * nobody holds. A failing rule does not hold routing back; the job is retried afterwards.
 */
export const automationProcessor: Processor = {
  name: "automation",
  // Database work only, and the busiest processor (several events per message): a burst costs
  // one fetch and one completion per ten jobs.
  batchSize: 10,
  events: [
    "message.created",
    "conversation.created",
    "conversation.updated",
    "user.updated",
    "team.updated",
    "sla.warning",
    "sla.breached",
  ],
  async handle(services, event) {
    let failure: unknown;
    try {
      for (const occasion of await ruleOccasions(services.db, event)) {
        await rulesRunner(services, { accountId: event.accountId, eventId: event.id, occasion });
      }
    } catch (error) {
      services.log.error({ err: error, eventId: event.id }, "rules failed; routing goes on");
      failure = error;
    }
    await route(services, event);
    if (failure) throw failure;
  },
};
