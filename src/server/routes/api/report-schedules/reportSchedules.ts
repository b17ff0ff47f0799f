import type { Kysely } from "kysely";
import { z } from "zod";
import type { Actor } from "../../../auth/actor.ts";
import { reportScheduleCreator } from "../../../commands/reportScheduleCreator.ts";
import { reportScheduleDeleter } from "../../../commands/reportScheduleDeleter.ts";
import { reportScheduleUpdater } from "../../../commands/reportScheduleUpdater.ts";
import type { DB } from "../../../db/schema.ts";
import { listReportSchedules } from "../../../models/reportSchedules.ts";
import { authorize } from "../../../policies/index.ts";
import { presentReportSchedule } from "../../../presenters/reportSchedule.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineRoute, ZDeleted, ZIdParams } from "../../route.ts";
import {
  ZReportSchedule,
  ZReportScheduleCreateRequest,
  ZReportScheduleUpdateRequest,
} from "./schema.ts";

const tags = ["Reports"];
const MANAGE = "reportSchedule.manage";

/** The account's schedule named by the request, once the actor may manage schedules. */
const loadSchedule = (db: Kysely<DB>, actor: Actor, id: string) =>
  loadAuthorized(db, actor, MANAGE, "report_schedules", id);

/** Reports e-mailed daily or weekly, with their key figures and the CSV (supervisors, admins). */
export const reportScheduleRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/report-schedules",
    summary: "The account's scheduled reports",
    tags,
    auth: "user",
    response: z.array(ZReportSchedule),
    async handle({ services, actor }) {
      authorize(actor, MANAGE);
      const rows = await listReportSchedules(services.db, actor.accountId);
      return { data: rows.map(presentReportSchedule) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/report-schedules",
    summary: "Schedule a report to be e-mailed daily or weekly",
    tags,
    auth: "user",
    body: ZReportScheduleCreateRequest,
    response: ZReportSchedule,
    status: 201,
    async handle({ services, actor, body }) {
      authorize(actor, MANAGE);
      const row = await reportScheduleCreator(services.db, { actor, schedule: body });
      return { data: presentReportSchedule(row) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/report-schedules/:id",
    summary: "One scheduled report, with its next and last sending",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZReportSchedule,
    async handle({ services, actor, params }) {
      const row = await loadSchedule(services.db, actor, params.id);
      return { data: presentReportSchedule(row) };
    },
  }),

  defineRoute({
    method: "PATCH",
    url: "/api/v1/report-schedules/:id",
    summary: "Change a scheduled report",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZReportScheduleUpdateRequest,
    response: ZReportSchedule,
    async handle({ services, actor, params, body }) {
      const schedule = await loadSchedule(services.db, actor, params.id);
      const row = await reportScheduleUpdater(services.db, { actor, schedule, changes: body });
      return { data: presentReportSchedule(row) };
    },
  }),

  defineRoute({
    method: "DELETE",
    url: "/api/v1/report-schedules/:id",
    summary: "Stop and delete a scheduled report",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZDeleted,
    async handle({ services, actor, params }) {
      const schedule = await loadSchedule(services.db, actor, params.id);
      await reportScheduleDeleter(services.db, { actor, schedule });
      return { data: { deleted: true } };
    },
  }),
];
