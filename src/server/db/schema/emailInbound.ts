import type { ColumnType, Generated, Selectable } from "kysely";

/** Tables of inbound email routing and its quarantine. Same conventions as schema.ts. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type JsonDefault<T> = ColumnType<T, string | undefined, string>;

/**
 * One row per inbound address in the whole installation (a deliberate global key): the SMTP
 * receiver finds the one channel, and so the account, that an address belongs to.
 */
export interface InboundAddressTable {
  /** Normalised: trimmed, lower-case, plus part removed. */
  address: string;
  account_id: string;
  channel_id: string;
  created_at: Generated<Date>;
}

export type QuarantineStatus = "pending" | "assigned" | "discarded";

export interface EmailQuarantineTable {
  account_id: string;
  id: Generated<string>;
  channel_id: string;
  /** The Message-ID (or a hash of the bytes): the same mail is kept once per channel. */
  external_id: string;
  reason: string;
  /** The From header as received and decoded, however unreadable. */
  sender: string | null;
  subject: string | null;
  text: Generated<string>;
  /** The message exactly as received; cleared when discarded. */
  raw: Buffer | null;
  size: Generated<number>;
  envelope: JsonDefault<Record<string, unknown>>;
  status: Generated<QuarantineStatus>;
  received_at: Generated<Date>;
  resolved_at: Timestamp | null;
  resolved_by_user_id: string | null;
  message_id: string | null;
  conversation_id: string | null;
}

export type EmailQuarantine = Selectable<EmailQuarantineTable>;
