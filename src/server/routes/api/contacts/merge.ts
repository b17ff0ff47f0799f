import { contactMerger } from "../../../commands/contactMerger.ts";
import { findContactConversations, findIdentities } from "../../../models/contacts.ts";
import { presentContact } from "../../../presenters/contact.ts";
import { presentConversation } from "../../../presenters/conversation.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { ZContactDetail, ZContactMergeRequest } from "./schema.ts";

export const contactMergeRoutes = [
  defineRoute({
    method: "POST",
    url: "/api/v1/contacts/:id/merge",
    summary:
      "Merge another contact into this one: its identities, conversations, notes, chat sessions " +
      "and callbacks move here, empty fields are filled from it, and it is deleted",
    tags: ["Contacts"],
    auth: "user",
    params: ZIdParams,
    body: ZContactMergeRequest,
    response: ZContactDetail,
    async handle({ services, actor, params, body }) {
      const target = await loadAuthorized(
        services.db,
        actor,
        "contact.merge",
        "contacts",
        params.id,
      );
      const { contact } = await contactMerger(services.db, {
        actor,
        targetId: target.id,
        sourceId: body.sourceId,
      });
      const [identities, conversations] = await Promise.all([
        findIdentities(services.db, actor.accountId, [contact.id]),
        findContactConversations(services.db, actor.accountId, actor.userId, contact.id),
      ]);
      return {
        data: {
          ...presentContact(contact, identities),
          conversations: conversations.map((row) => presentConversation(row)),
        },
      };
    },
  }),
];
