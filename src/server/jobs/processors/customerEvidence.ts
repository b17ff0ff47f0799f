import type { Kysely } from "kysely";
import { mentionRecorder } from "../../customers/mentionRecorder.ts";
import { repeatActor } from "../../customers/repeatAction.ts";
import { repeatLinker } from "../../customers/repeats.ts";
import type { DB } from "../../db/schema.ts";
import { findDuplicateCandidates } from "../../models/contactDuplicates.ts";
import { storeSuggestions } from "../../models/contactSuggestions.ts";
import { findContact } from "../../models/contacts.ts";
import type { Processor } from "../processor.ts";

/**
 * Keeps the one-customer evidence current. An inbound message: what it names (emails, phones,
 * order numbers) is recorded, a strong claim in a private message links its author (see
 * mentionRecorder), and the conversation is linked to the earlier one it repeats. A contact
 * created, changed, merged or unmerged, or a message that named something new: that contact's
 * duplicate suggestions are recomputed (a bounded set of indexed queries, one contact per event).
 * A triaged conversation is checked again for a repeat (its category is known now); a repeat of
 * a resolved conversation on the same channel reopens it when the account chose so. Every step is
 * idempotent.
 */
export const customerEvidenceProcessor: Processor = {
  name: "customer-evidence",
  batchSize: 10,
  events: [
    "message.created",
    "conversation.updated",
    "contact.created",
    "contact.updated",
    "contact.merged",
    "contact.unmerged",
  ],
  async handle(services, event) {
    const { db } = services;
    const { contactId, messageId, conversationId, mergedContactId, changes } = event.payload;
    if (event.name === "message.created" && typeof messageId === "string") {
      const recorded = await mentionRecorder(db, event.accountId, messageId);
      if (recorded.conversationId && recorded.contactId) {
        await linkRepeat(db, event.accountId, recorded.conversationId);
      }
      const refresh = recorded.linkedInto ?? (recorded.added > 0 ? recorded.contactId : null);
      if (refresh) await refreshSuggestions(db, event.accountId, refresh);
      return;
    }
    if (event.name === "conversation.updated") {
      if (
        typeof conversationId === "string" &&
        Array.isArray(changes) &&
        changes.includes("triage")
      ) {
        await linkRepeat(db, event.accountId, conversationId);
      }
      return;
    }
    for (const id of [contactId, mergedContactId]) {
      if (typeof id === "string") await refreshSuggestions(db, event.accountId, id);
    }
  },
};

async function refreshSuggestions(db: Kysely<DB>, accountId: string, contactId: string) {
  const contact = await findContact(db, accountId, contactId);
  if (!contact) return;
  await storeSuggestions(db, accountId, contactId, await findDuplicateCandidates(db, contact));
}

/** Links a conversation to the one it repeats, then does what the account chose (link or reopen). */
async function linkRepeat(db: Kysely<DB>, accountId: string, conversationId: string) {
  const link = await repeatLinker(db, accountId, conversationId);
  if (link) await repeatActor(db, accountId, conversationId, link);
}
