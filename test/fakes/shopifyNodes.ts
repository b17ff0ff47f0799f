/** Shopify GraphQL Admin API nodes, shaped as the adapter's queries read them (test data). */

/** A GraphQL order node as ORDERS_QUERY reads it. */
export function orderNode(n: number, email: string, fulfillment?: Record<string, unknown>) {
  return {
    node: {
      id: `gid://shopify/Order/${5000 + n}`,
      name: `#${1000 + n}`,
      createdAt: "2026-11-20T10:00:00Z",
      email,
      phone: null,
      currencyCode: "EUR",
      customer: {
        firstName: "Zoé",
        lastName: `N${n}`,
        defaultEmailAddress: { emailAddress: email },
        defaultPhoneNumber: null,
      },
      lineItems: {
        nodes: [
          {
            sku: "MUG-1",
            name: "Mug bleu",
            quantity: 2,
            variant: { id: "gid://shopify/ProductVariant/1" },
            originalUnitPriceSet: { shopMoney: { amount: "12.50" } },
          },
        ],
      },
      fulfillments: fulfillment ? [fulfillment] : [],
    },
    transactions: [
      {
        id: `gid://shopify/OrderTransaction/${9000 + n}`,
        kind: "SALE" as const,
        status: "SUCCESS" as const,
        gateway: "shopify_payments",
        amount: "25.00",
      },
    ],
  };
}

/** A product variant with its inventory levels, as the products query reads it. */
export function variant(id: number, sku: string, levels: Array<[string, number]>) {
  return {
    id: `gid://shopify/ProductVariant/${id}`,
    sku,
    title: "Default Title",
    price: "12.50",
    product: { title: sku === "MUG-1" ? "Mug bleu" : "T-shirt" },
    inventoryItem: {
      id: `gid://shopify/InventoryItem/${id}`,
      inventoryLevels: {
        nodes: levels.map(([location, quantity]) => ({
          location: { id: `gid://shopify/Location/${location}` },
          quantities: [{ name: "available", quantity }],
        })),
      },
    },
  };
}
