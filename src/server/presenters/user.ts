import type { TAccount, TUser } from "../../shared/schemas.ts";
import type { Account, User } from "../db/schema.ts";
import { iso } from "./dates.ts";

export function presentUser(row: User, teamIds: string[] = []): TUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    locale: row.locale,
    timeZone: row.time_zone,
    available: row.available,
    disabled: row.disabled_at !== null,
    teamIds,
    createdAt: iso(row.created_at),
    signature: row.signature,
  };
}

export function presentAccount(row: Account): TAccount {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    timeZone: row.time_zone,
    locale: row.locale,
    publicName: row.public_name,
    assignOnReply: row.assign_on_reply,
  };
}

/** The signed-in user (with their teams) and their account. */
export function presentSession(
  user: User,
  teamIds: string[],
  account: Account,
): { user: TUser; account: TAccount } {
  return { user: presentUser(user, teamIds), account: presentAccount(account) };
}
