import {
  ZNextStepPreview,
  ZNextStepPreviewRequest,
  ZPromise,
  ZPromiseListQuery,
  ZPromiseRescheduleRequest,
} from "../../../../shared/sla.ts";
import { promiseUpdater } from "../../../commands/promiseUpdater.ts";
import { listConversationPromises, listPromises } from "../../../models/promises.ts";
import { presentListedPromise, presentPromise } from "../../../presenters/promise.ts";
import { customerLocaleOf } from "../../../sla/customerLocale.ts";
import { promiseSentence } from "../../../sla/nextStep.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineConversationListRoute, defineListRoute } from "../../resourceRoutes.ts";
import { defineRoute, ZIdParams } from "../../route.ts";

const tags = ["Promises"];

export const promiseRoutes = [
  defineRoute({
    method: "POST",
    url: "/api/v1/conversations/:id/next-step/preview",
    summary:
      "The sentence a next step adds to a reply, in the customer's language and zone (nothing is sent)",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZNextStepPreviewRequest,
    response: ZNextStepPreview,
    async handle({ services, actor, params, body }) {
      const conversation = await loadAuthorized(
        services.db,
        actor,
        "conversation.read",
        "conversations",
        params.id,
      );
      const locale = await customerLocaleOf(services.db, conversation);
      const sentence = promiseSentence("promise.nextStep", {
        text: body.text,
        dueAt: new Date(body.dueAt),
        ...locale,
      });
      return { data: { sentence, ...locale } };
    },
  }),

  defineConversationListRoute({
    url: "/api/v1/conversations/:id/promises",
    summary: "The next steps promised to the customer on a conversation, oldest first",
    tags,
    item: ZPromise,
    list: (db, conversation) =>
      listConversationPromises(db, conversation.account_id, conversation.id),
    present: presentPromise,
  }),

  defineListRoute({
    url: "/api/v1/promises",
    summary:
      "Promises by due time: open, kept or broken; `assignee=me` for my conversations', `madeBy` for one agent's",
    tags,
    action: "promise.read",
    query: ZPromiseListQuery,
    item: ZPromise,
    list: (db, actor, query) =>
      listPromises(db, actor.accountId, {
        status: query.status,
        assigneeId: query.assignee === "me" ? actor.userId : undefined,
        madeById: query.madeBy === "me" ? actor.userId : query.madeBy,
        limit: query.limit,
      }),
    present: presentListedPromise,
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/promises/:id/keep",
    summary: "Mark a promise kept (done), on time or late",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZPromise,
    async handle({ services, actor, params }) {
      const promise = await loadAuthorized(
        services.db,
        actor,
        "promise.update",
        "promises",
        params.id,
      );
      const kept = await promiseUpdater(services, { actor, promise, change: { kind: "keep" } });
      return { data: presentPromise(kept) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/promises/:id/reschedule",
    summary: "Give a promise a new due time, telling the customer with an apology",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZPromiseRescheduleRequest,
    response: ZPromise,
    async handle({ services, actor, params, body }) {
      const promise = await loadAuthorized(
        services.db,
        actor,
        "promise.update",
        "promises",
        params.id,
      );
      const updated = await promiseUpdater(services, {
        actor,
        promise,
        change: {
          kind: "reschedule",
          dueAt: new Date(body.dueAt),
          tellCustomer: body.tellCustomer,
        },
      });
      return { data: presentPromise(updated) };
    },
  }),
];
