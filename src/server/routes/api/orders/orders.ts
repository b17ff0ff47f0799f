import { listOrders, loadOrderDetail } from "../../../models/orders.ts";
import { authorize } from "../../../policies/index.ts";
import { presentOrder, presentOrderSummary } from "../../../presenters/backoffice.ts";
import { defineListRoute } from "../../resourceRoutes.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { ZOrder, ZOrderListQuery, ZOrderSummary } from "./schema.ts";

const tags = ["Back office"];

export const orderRoutes = [
  defineListRoute({
    url: "/api/v1/orders",
    summary: "The account's orders, newest first: a contact's, or by the start of their number",
    tags,
    action: "order.read",
    query: ZOrderListQuery,
    item: ZOrderSummary,
    list: (db, actor, query) => listOrders(db, actor.accountId, query),
    present: presentOrderSummary,
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/orders/:id",
    summary: "One order with its lines (and their stock), shipments with history, and actions",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZOrder,
    async handle({ services, actor, params }) {
      const order = await loadOrderDetail(services.db, actor.accountId, params.id);
      authorize(actor, "order.read", order);
      return { data: presentOrder(order) };
    },
  }),
];
