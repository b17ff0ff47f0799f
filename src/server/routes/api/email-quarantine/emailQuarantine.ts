import { z } from "zod";
import {
  ZEmailQuarantineDetail,
  ZEmailQuarantineItem,
} from "../../../../shared/emailQuarantine.ts";
import type { Actor } from "../../../auth/actor.ts";
import { quarantineAssigner } from "../../../commands/quarantineAssigner.ts";
import { quarantineDiscarder } from "../../../commands/quarantineDiscarder.ts";
import { notFound } from "../../../errors.ts";
import { findQuarantine, listQuarantine } from "../../../models/emailQuarantine.ts";
import { authorize } from "../../../policies/index.ts";
import {
  presentQuarantineDetail,
  presentQuarantineItem,
} from "../../../presenters/emailQuarantine.ts";
import type { Services } from "../../../services.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { ZEmailQuarantineAssignRequest, ZEmailQuarantineListQuery } from "./schema.ts";

const tags = ["Email quarantine"];

async function loadQuarantined(services: Services, actor: Actor, id: string) {
  const row = await findQuarantine(services.db, actor.accountId, id);
  if (!row) throw notFound("Quarantined mail");
  authorize(actor, "email_quarantine.read", row);
  return row;
}

/** Mail that reached a channel but named no sender Relais could read: admins decide. */
export const emailQuarantineRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/email-quarantine",
    summary: "Quarantined mail, newest first (admins); pending unless another status is asked",
    tags,
    auth: "user",
    query: ZEmailQuarantineListQuery,
    response: z.array(ZEmailQuarantineItem),
    responseExtra: { nextCursor: z.string().optional() },
    async handle({ services, actor, query }) {
      authorize(actor, "email_quarantine.read");
      const page = await listQuarantine(services.db, actor.accountId, query);
      return { data: page.rows.map(presentQuarantineItem), nextCursor: page.nextCursor };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/email-quarantine/:id",
    summary: "One quarantined mail with its whole text (admins)",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZEmailQuarantineDetail,
    async handle({ services, actor, params }) {
      const row = await loadQuarantined(services, actor, params.id);
      return { data: presentQuarantineDetail(row) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/email-quarantine/:id/assign",
    summary:
      "Assign a quarantined mail to a contact (or to an address): it is ingested once, into their conversation",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZEmailQuarantineAssignRequest,
    response: ZEmailQuarantineDetail,
    async handle({ services, actor, params, body }) {
      const row = await loadQuarantined(services, actor, params.id);
      authorize(actor, "email_quarantine.manage", row);
      await quarantineAssigner(services.db, services.secrets, {
        accountId: actor.accountId,
        actorUserId: actor.userId,
        quarantineId: row.id,
        to: body,
      });
      return { data: presentQuarantineDetail(await loadQuarantined(services, actor, row.id)) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/email-quarantine/:id/discard",
    summary:
      "Discard a quarantined mail (admins): its content is erased, the audit log keeps a note",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZEmailQuarantineDetail,
    async handle({ services, actor, params }) {
      const row = await loadQuarantined(services, actor, params.id);
      authorize(actor, "email_quarantine.manage", row);
      await quarantineDiscarder(services.db, {
        accountId: actor.accountId,
        actorUserId: actor.userId,
        quarantineId: row.id,
      });
      return { data: presentQuarantineDetail(await loadQuarantined(services, actor, row.id)) };
    },
  }),
];
