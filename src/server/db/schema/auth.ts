import type { ColumnType, Generated } from "kysely";

/** Sign-in sessions and API tokens, the outbox and the audit log. Same conventions as schema.ts. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** JSON columns are written as JSON text (so arrays are never mistaken for SQL arrays). */
type Json<T> = ColumnType<T, string, string>;

export interface SessionTable {
  account_id: string;
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  expires_at: Timestamp;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
}

export interface ApiTokenTable {
  account_id: string;
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface EventTable {
  account_id: string;
  id: Generated<number>;
  name: string;
  payload: Json<Record<string, unknown>>;
  actor_user_id: string | null;
  created_at: Generated<Date>;
  published_at: Timestamp | null;
}

export interface AuditLogTable {
  account_id: string;
  id: Generated<number>;
  actor_user_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  data: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
}
