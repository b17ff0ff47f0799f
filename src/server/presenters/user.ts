import type { TAccount, TTeam, TUser } from "../../shared/schemas.ts";
import type { Account, Team, User } from "../db/schema.ts";
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
  };
}

export function presentAccount(row: Account): TAccount {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    timeZone: row.time_zone,
    locale: row.locale,
  };
}

export function presentTeam(row: Team, memberIds: string[]): TTeam {
  return {
    id: row.id,
    name: row.name,
    skills: row.skills,
    memberIds,
    timeZone: row.time_zone,
    businessHours: Object.keys(row.business_hours).length > 0 ? row.business_hours : null,
    createdAt: iso(row.created_at),
  };
}
