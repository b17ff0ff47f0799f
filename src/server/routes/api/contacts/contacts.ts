import { z } from "zod";
import { ZContactListItem } from "../../../../shared/contacts.ts";
import { ZContact } from "../../../../shared/schemas.ts";
import type { Actor } from "../../../auth/actor.ts";
import { contactUpdater } from "../../../commands/contactUpdater.ts";
import type { Contact } from "../../../db/schema.ts";
import {
  findContactConversations,
  findIdentities,
  listContacts,
} from "../../../models/contacts.ts";
import { authorize } from "../../../policies/index.ts";
import { presentContact, presentContactListItem } from "../../../presenters/contact.ts";
import { presentConversation } from "../../../presenters/conversation.ts";
import type { Services } from "../../../services.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { ZContactDetail, ZContactListQuery, ZContactUpdateRequest } from "./schema.ts";

const tags = ["Contacts"];

async function present(services: Services, actor: Actor, contact: Contact) {
  return presentContact(contact, await findIdentities(services.db, actor.accountId, [contact.id]));
}

export const contactRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/contacts",
    summary: "List or search contacts (name, email, phone, handles)",
    tags,
    auth: "user",
    query: ZContactListQuery,
    response: z.array(ZContactListItem),
    responseExtra: { nextCursor: z.string().optional() },
    async handle({ services, actor, query }) {
      authorize(actor, "contact.read");
      // A search reads on the read replica when there is one (DATABASE_READ_URL).
      const page = await listContacts(
        query.q ? services.readDb : services.db,
        actor.accountId,
        query,
      );
      return {
        data: page.rows.map((row) => presentContactListItem(row, page.identities)),
        nextCursor: page.nextCursor,
      };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/contacts/:id",
    summary: "A contact with identities on every channel and all their conversations",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZContactDetail,
    async handle({ services, actor, params }) {
      const contact = await loadAuthorized(
        services.db,
        actor,
        "contact.read",
        "contacts",
        params.id,
      );
      const conversations = await findContactConversations(
        services.db,
        actor.accountId,
        actor.userId,
        contact.id,
      );
      return {
        data: {
          ...(await present(services, actor, contact)),
          conversations: conversations.map((row) => presentConversation(row)),
        },
      };
    },
  }),

  defineRoute({
    method: "PATCH",
    url: "/api/v1/contacts/:id",
    summary: "Correct a contact's name, notes, language or time zone",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZContactUpdateRequest,
    response: ZContact,
    async handle({ services, actor, params, body }) {
      const contact = await loadAuthorized(
        services.db,
        actor,
        "contact.update",
        "contacts",
        params.id,
      );
      const updated = await contactUpdater(services.db, {
        actor,
        contactId: contact.id,
        changes: body,
      });
      return { data: await present(services, actor, updated) };
    },
  }),
];
