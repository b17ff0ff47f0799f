/** The GraphQL Admin API documents the Shopify adapter sends (version in config.ts). */

export const SHOP_QUERY = `query RelaisShop { shop { currencyCode } }`;

export const CUSTOMERS_QUERY = `query RelaisCustomers($first: Int!, $after: String) {
  customers(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id firstName lastName
      defaultEmailAddress { emailAddress }
      defaultPhoneNumber { phoneNumber }
    }
  }
}`;

export const VARIANTS_QUERY = `query RelaisVariants($first: Int!, $after: String) {
  productVariants(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id sku title price
      product { title }
      inventoryItem {
        id
        inventoryLevels(first: 20) {
          nodes { location { id } quantities(names: ["available"]) { name quantity } }
        }
      }
    }
  }
}`;

export const ORDERS_QUERY = `query RelaisOrders($first: Int!, $after: String) {
  orders(first: $first, after: $after, sortKey: CREATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name createdAt updatedAt email phone currencyCode
      customer {
        firstName lastName
        defaultEmailAddress { emailAddress }
        defaultPhoneNumber { phoneNumber }
      }
      lineItems(first: 100) {
        nodes { sku name quantity variant { id } originalUnitPriceSet { shopMoney { amount } } }
      }
      fulfillments(first: 20) {
        id status estimatedDeliveryAt
        trackingInfo(first: 1) { company number url }
        events(first: 1, sortKey: HAPPENED_AT, reverse: true) { nodes { status } }
      }
    }
  }
}`;

export const ORDER_TRANSACTIONS_QUERY = `query RelaisOrderTransactions($id: ID!) {
  order(id: $id) {
    id
    transactions(first: 50) { id kind status gateway }
  }
}`;

/** `@idempotent`: the same key never refunds twice, however often the job retries. */
export const refundCreateMutation = (
  idempotencyKey: string,
) => `mutation RelaisRefund($input: RefundInput!) {
  refundCreate(input: $input) @idempotent(key: ${JSON.stringify(idempotencyKey)}) {
    refund { id }
    userErrors { field message }
  }
}`;

export const DRAFT_ORDERS_BY_TAG_QUERY = `query RelaisDraftOrders($query: String!) {
  draftOrders(first: 1, query: $query) { nodes { id name } }
}`;

export const DRAFT_ORDER_CREATE_MUTATION = `mutation RelaisDraftOrder($input: DraftOrderInput!) {
  draftOrderCreate(input: $input) {
    draftOrder { id name }
    userErrors { field message }
  }
}`;

export interface Page<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}
