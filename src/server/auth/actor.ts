import type { Role } from "../../shared/enums.ts";

/** Who is acting: every query they cause is scoped by `accountId`. */
export interface Actor {
  accountId: string;
  userId: string;
  role: Role;
  via: "session" | "token";
  sessionId?: string;
}
