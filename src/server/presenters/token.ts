import type { ApiToken } from "../models/tokens.ts";
import { iso, isoOrNull } from "./dates.ts";

/** Never the token itself: it is shown once, when created. */
export function presentToken(row: ApiToken) {
  return {
    id: row.id,
    name: row.name,
    lastUsedAt: isoOrNull(row.last_used_at),
    createdAt: iso(row.created_at),
  };
}
