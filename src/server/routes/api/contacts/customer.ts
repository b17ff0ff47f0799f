import { z } from "zod";
import {
  ZContactMergeItem,
  ZContactMergeUndo,
  ZDuplicate,
  ZTimelineItem,
} from "../../../../shared/customers.ts";
import type { Actor } from "../../../auth/actor.ts";
import { contactMergeUndoer } from "../../../commands/contactMergeUndoer.ts";
import type { Contact } from "../../../db/schema.ts";
import { findDuplicateCandidates, orderedPair } from "../../../models/contactDuplicates.ts";
import { dismissPair, findContactMerges } from "../../../models/contactMerges.ts";
import { findContacts, findIdentities } from "../../../models/contacts.ts";
import { findContactTimeline } from "../../../models/contactTimeline.ts";
import { loadOwned } from "../../../models/owned.ts";
import { authorize } from "../../../policies/index.ts";
import { presentContact } from "../../../presenters/contact.ts";
import { presentContactMerge, presentTimelineItem } from "../../../presenters/customer.ts";
import type { Services } from "../../../services.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { ZDismissDuplicateRequest, ZTimelineQuery } from "./schema.ts";

const tags = ["Contacts"];

async function presentMany(services: Services, actor: Actor, contacts: Contact[]) {
  const identities = await findIdentities(
    services.db,
    actor.accountId,
    contacts.map((contact) => contact.id),
  );
  return contacts.map((contact) =>
    presentContact(
      contact,
      identities.filter((identity) => identity.contact_id === contact.id),
    ),
  );
}

/** Duplicates with their evidence, "not the same person", merge history and its undo, timeline. */
export const contactCustomerRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/contacts/:id/duplicates",
    summary:
      "Contacts that may be the same person, best first, with the evidence (never merged on " +
      "their own); pairs answered 'not the same person' are left out",
    tags,
    auth: "user",
    params: ZIdParams,
    response: z.array(ZDuplicate),
    async handle({ services, actor, params }) {
      const contact = await loadAuthorized(
        services.db,
        actor,
        "contact.read",
        "contacts",
        params.id,
      );
      const candidates = await findDuplicateCandidates(services.db, contact);
      const others = await findContacts(
        services.db,
        actor.accountId,
        candidates.map((candidate) => candidate.contactId),
      );
      const presented = await presentMany(services, actor, others);
      return {
        data: candidates.flatMap((candidate) => {
          const other = presented.find((row) => row.id === candidate.contactId);
          return other
            ? [{ contact: other, score: candidate.score, evidence: candidate.evidence }]
            : [];
        }),
      };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/contacts/:id/duplicates/dismiss",
    summary: "Answer 'not the same person': the pair is never suggested again",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZDismissDuplicateRequest,
    response: z.object({ dismissed: z.boolean() }),
    async handle({ services, actor, params, body }) {
      const contact = await loadAuthorized(
        services.db,
        actor,
        "contact.dismissDuplicate",
        "contacts",
        params.id,
      );
      const other = await loadOwned(services.db, "contacts", actor.accountId, body.contactId);
      await dismissPair(services.db, {
        accountId: actor.accountId,
        pair: orderedPair(contact.id, other.id),
        userId: actor.userId,
      });
      return { data: { dismissed: true } };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/contacts/:id/merges",
    summary: "What was merged into this contact, newest first, and whether each can be undone",
    tags,
    auth: "user",
    params: ZIdParams,
    response: z.array(ZContactMergeItem),
    async handle({ services, actor, params }) {
      const contact = await loadAuthorized(
        services.db,
        actor,
        "contact.read",
        "contacts",
        params.id,
      );
      const rows = await findContactMerges(services.db, actor.accountId, contact.id);
      return { data: rows.map(presentContactMerge) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/contact-merges/:id/undo",
    summary:
      "Undo a merge exactly: the absorbed contact comes back with its id, fields, identities, " +
      "conversations and what arrived since through its identities",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZContactMergeUndo,
    async handle({ services, actor, params }) {
      authorize(actor, "contact.unmerge");
      const result = await contactMergeUndoer(services.db, { actor, mergeId: params.id });
      const [restored, survivor] = await presentMany(services, actor, [
        result.restored,
        result.survivor,
      ]);
      if (!restored || !survivor) throw new Error("The undone merge lost a contact.");
      return {
        data: {
          contact: restored,
          survivor,
          keptFields: result.keptFields,
          returned: result.returned,
        },
      };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/contacts/:id/timeline",
    summary:
      "Everything that happened with this customer on every channel, in time order: messages, " +
      "notes, calls, callbacks, status changes",
    tags,
    auth: "user",
    params: ZIdParams,
    query: ZTimelineQuery,
    response: z.array(ZTimelineItem),
    responseExtra: { nextCursor: z.string().optional() },
    async handle({ services, actor, params, query }) {
      const contact = await loadAuthorized(
        services.db,
        actor,
        "contact.read",
        "contacts",
        params.id,
      );
      const page = await findContactTimeline(services.db, actor.accountId, contact.id, query);
      return { data: page.rows.map(presentTimelineItem), nextCursor: page.nextCursor };
    },
  }),
];
