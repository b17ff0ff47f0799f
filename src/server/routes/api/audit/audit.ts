import { z } from "zod";
import { ZAuditEntry } from "../../../../shared/customers.ts";
import { findAuditEntries } from "../../../models/contactMerges.ts";
import { authorize } from "../../../policies/index.ts";
import { presentAuditEntry } from "../../../presenters/customer.ts";
import { defineRoute } from "../../route.ts";
import { ZAuditQuery } from "../contacts/schema.ts";

export const auditRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/audit",
    summary:
      "The audit entries (who, what, when, why), newest first: about one contact or conversation " +
      "when `subjectType` and `subjectId` are given, else the account's latest",
    tags: ["Audit"],
    auth: "user",
    query: ZAuditQuery,
    response: z.array(ZAuditEntry),
    async handle({ services, actor, query }) {
      authorize(actor, "audit.read");
      // Scoped by account: another account's id answers an empty trail. A contact absorbed by a
      // merge is gone but keeps its trail.
      const rows = await findAuditEntries(services.db, actor.accountId, query);
      return { data: rows.map(presentAuditEntry) };
    },
  }),
];
