import { labelCreator } from "../../../commands/labelCreator.ts";
import { labelDeleter } from "../../../commands/labelDeleter.ts";
import { labelUpdater } from "../../../commands/labelUpdater.ts";
import { listLabels } from "../../../models/labels.ts";
import { authorize } from "../../../policies/index.ts";
import { presentLabel } from "../../../presenters/label.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineDeleteRoute, defineListRoute } from "../../resourceRoutes.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { ZLabel, ZLabelCreateRequest, ZLabelUpdateRequest } from "./schema.ts";

const tags = ["Labels"];

export const labelRoutes = [
  defineListRoute({
    url: "/api/v1/labels",
    summary: "The account's labels by name, with how many open conversations carry each",
    tags,
    action: "label.read",
    item: ZLabel,
    list: (db, actor) => listLabels(db, actor.accountId),
    present: presentLabel,
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/labels",
    summary: "Create a label with its colour (admins)",
    tags,
    auth: "user",
    body: ZLabelCreateRequest,
    response: ZLabel,
    status: 201,
    async handle({ services, actor, body }) {
      authorize(actor, "label.manage");
      return { data: presentLabel(await labelCreator(services.db, { actor, label: body })) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/labels/:id",
    summary: "One label",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZLabel,
    async handle({ services, actor, params }) {
      const label = await loadAuthorized(services.db, actor, "label.read", "labels", params.id);
      return { data: presentLabel(label) };
    },
  }),

  defineRoute({
    method: "PATCH",
    url: "/api/v1/labels/:id",
    summary: "Rename or recolour a label (admins); a new name follows on its conversations",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZLabelUpdateRequest,
    response: ZLabel,
    async handle({ services, actor, params, body }) {
      const label = await loadAuthorized(services.db, actor, "label.manage", "labels", params.id);
      const changed = await labelUpdater(services.db, { actor, label, changes: body });
      return { data: presentLabel(changed) };
    },
  }),

  defineDeleteRoute({
    url: "/api/v1/labels/:id",
    summary: "Delete a label and take it off its conversations (admins)",
    tags,
    action: "label.manage",
    table: "labels",
    subjectType: "label",
    remove: (db, actor, label) => labelDeleter(db, { actor, label }),
  }),
];
