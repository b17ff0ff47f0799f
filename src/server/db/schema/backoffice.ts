import type { ColumnType, Generated, Selectable } from "kysely";

/** Tables of the back office: catalogue, orders, shipments, agent actions, delays. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type JsonDefault<T> = ColumnType<T, string | undefined, string>;

export const SHIPMENT_STATUSES = [
  "pending",
  "in_transit",
  "delayed",
  "delivered",
  "lost",
  "returned",
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export const ACTION_TYPES = ["replacement", "return", "refund", "credit"] as const;
export type ActionType = (typeof ACTION_TYPES)[number];
export type ActionStatus = "done" | "pending_approval" | "refused" | "rejected";
export type ApprovalStatus = "pending" | "approved" | "rejected";

export interface ProductTable {
  account_id: string;
  id: Generated<string>;
  sku: string;
  name: string;
  price_cents: number;
  currency: string;
  stock_on_hand: Generated<number>;
  stock_reserved: Generated<number>;
  supplier: string | null;
  /** ISO `YYYY-MM-DD`. */
  restock_date: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface OrderTable {
  account_id: string;
  id: Generated<string>;
  number: string;
  contact_id: string;
  placed_at: Timestamp;
  status: Generated<string>;
  currency: string;
  total_cents: Generated<number>;
  refunded_cents: Generated<number>;
  source: Generated<string>;
  /** A hash of what was last imported, so importing the same order again changes nothing. */
  fingerprint: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** The email or phone identity the order's customer was matched by (null: a new contact). */
  identity_id: string | null;
}

export interface OrderLineTable {
  account_id: string;
  id: Generated<string>;
  order_id: string;
  position: number;
  sku: string;
  product_name: string;
  quantity: number;
  unit_price_cents: number;
}

export interface ShipmentTable {
  account_id: string;
  id: Generated<string>;
  order_id: string;
  carrier: Generated<string>;
  tracking_number: Generated<string>;
  tracking_url: string | null;
  status: Generated<ShipmentStatus>;
  expected_delivery: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ShipmentEventTable {
  account_id: string;
  id: Generated<string>;
  shipment_id: string;
  status: ShipmentStatus;
  expected_delivery: string | null;
  note: string | null;
  occurred_at: Generated<Date>;
}

export interface ActionLine {
  sku: string;
  quantity: number;
}

export interface AgentActionTable {
  account_id: string;
  id: Generated<string>;
  type: ActionType;
  status: ActionStatus;
  conversation_id: string | null;
  order_id: string;
  lines: JsonDefault<ActionLine[]>;
  amount_cents: Generated<number>;
  currency: string;
  reason: string;
  /** Why it was refused, or what was done ("restock 2026-12-20"). */
  outcome: string | null;
  idempotency_key: string;
  requested_by: string;
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface ApprovalTable {
  account_id: string;
  id: Generated<string>;
  action_id: string;
  status: Generated<ApprovalStatus>;
  decided_by: string | null;
  decision_reason: string | null;
  decided_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface LimitPair {
  /** In cents of the account's currency (units for replacements: the value of the goods). */
  perAction: number | null;
  perDay: number | null;
}
export type RoleLimits = Partial<Record<ActionType, LimitPair>>;
export type AuthorityLimits = Partial<Record<"agent" | "supervisor", RoleLimits>>;

export interface AuthorityLimitTable {
  account_id: string;
  limits: JsonDefault<AuthorityLimits>;
  updated_at: Generated<Date>;
}

export interface ArrivalEstimateTable {
  account_id: string;
  refund_min_days: number;
  refund_max_days: number;
  replacement_days: number;
  updated_at: Generated<Date>;
}

export interface DelaySkip {
  orderNumber: string;
  reason: string;
}

export interface DelayTable {
  account_id: string;
  id: Generated<string>;
  idempotency_key: string;
  criteria: JsonDefault<Record<string, unknown>>;
  new_expected_delivery: string;
  reason: string;
  affected_orders: Generated<number>;
  notified: Generated<number>;
  skipped: JsonDefault<DelaySkip[]>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface DelayRecipientTable {
  account_id: string;
  delay_id: string;
  contact_id: string;
  conversation_id: string | null;
  message_id: string | null;
  order_numbers: JsonDefault<string[]>;
  created_at: Generated<Date>;
}

export interface BackofficeTables {
  products: ProductTable;
  orders: OrderTable;
  order_lines: OrderLineTable;
  shipments: ShipmentTable;
  shipment_events: ShipmentEventTable;
  agent_actions: AgentActionTable;
  approvals: ApprovalTable;
  authority_limits: AuthorityLimitTable;
  delays: DelayTable;
  delay_recipients: DelayRecipientTable;
  arrival_estimates: ArrivalEstimateTable;
}

export type Product = Selectable<ProductTable>;
export type Order = Selectable<OrderTable>;
export type OrderLine = Selectable<OrderLineTable>;
export type Shipment = Selectable<ShipmentTable>;
export type ShipmentEvent = Selectable<ShipmentEventTable>;
export type AgentAction = Selectable<AgentActionTable>;
export type Approval = Selectable<ApprovalTable>;
export type Delay = Selectable<DelayTable>;
