import type { ColumnType, Generated, Selectable } from "kysely";

/** Tables of the shop adapters: the shop's ids, and actions carried back to the shop. */
type JsonDefault<T> = ColumnType<T, string | undefined, string>;

export type ShopLinkResource = "order" | "variant" | "inventory_item" | "inventory_level";

export interface ShopLinkTable {
  account_id: string;
  channel_id: string;
  resource: ShopLinkResource;
  /** The shop's global id (a Shopify GID), or `<item>|<location>` for an inventory level. */
  external_id: string;
  /** The order number or the SKU here. */
  local_key: string;
  data: JsonDefault<Record<string, unknown>>;
  updated_at: Generated<Date>;
}

export type ActionPushStatus = "pending" | "sending" | "done" | "failed";

export interface ActionPushTable {
  account_id: string;
  action_id: string;
  channel_id: string;
  status: Generated<ActionPushStatus>;
  attempts: Generated<number>;
  /** The shop's id for what was created (a refund, a draft order). */
  external_id: string | null;
  error: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ShopTables {
  shop_links: ShopLinkTable;
  action_pushes: ActionPushTable;
}

export type ShopLink = Selectable<ShopLinkTable>;
export type ActionPush = Selectable<ActionPushTable>;
