import { ZContact } from "../../../../shared/schemas.ts";
import { contactBlocker } from "../../../commands/contactBlocker.ts";
import { findIdentities } from "../../../models/contacts.ts";
import { presentContact } from "../../../presenters/contact.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineRoute, ZIdParams } from "../../route.ts";

const tags = ["Contacts"];

function blockRoute(method: "POST" | "DELETE") {
  const blocked = method === "POST";
  return defineRoute({
    method,
    url: "/api/v1/contacts/:id/block",
    summary: blocked
      ? "Block a contact: their messages are stored but open no conversation, notify nobody and get no automatic reply (audited)"
      : "Unblock a contact: their next messages open conversations again (audited)",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZContact,
    async handle({ services, actor, params }) {
      const contact = await loadAuthorized(
        services.db,
        actor,
        "contact.block",
        "contacts",
        params.id,
      );
      const row = await contactBlocker(services.db, { actor, contactId: contact.id, blocked });
      return {
        data: presentContact(row, await findIdentities(services.db, actor.accountId, [row.id])),
      };
    },
  });
}

export const contactBlockRoutes = [blockRoute("POST"), blockRoute("DELETE")];
