import { listProducts, loadProductBySku } from "../../../models/products.ts";
import { authorize } from "../../../policies/index.ts";
import { presentProduct } from "../../../presenters/backoffice.ts";
import { defineListRoute } from "../../resourceRoutes.ts";
import { defineRoute } from "../../route.ts";
import { ZProduct, ZProductListQuery, ZSkuParams } from "./schema.ts";

const tags = ["Back office"];

export const productRoutes = [
  defineListRoute({
    url: "/api/v1/products",
    summary: "The account's products by SKU, with their stock",
    tags,
    action: "product.read",
    query: ZProductListQuery,
    item: ZProduct,
    list: (db, actor, query) => listProducts(db, actor.accountId, query),
    present: presentProduct,
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/products/:sku",
    summary: "One product: price, stock on hand, reserved, available, restock date",
    tags,
    auth: "user",
    params: ZSkuParams,
    response: ZProduct,
    async handle({ services, actor, params }) {
      const product = await loadProductBySku(services.db, actor.accountId, params.sku);
      authorize(actor, "product.read", product);
      return { data: presentProduct(product) };
    },
  }),
];
