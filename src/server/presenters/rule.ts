import type { TCannedReply, TRule } from "../../shared/rules.ts";
import type { CannedReply, Rule } from "../db/schema.ts";
import { iso } from "./dates.ts";

export function presentRule(row: Rule): TRule {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    position: row.position,
    trigger: row.trigger,
    conditions: row.conditions,
    actions: row.actions,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function presentCannedReply(row: CannedReply): TCannedReply {
  return {
    id: row.id,
    shortcut: row.shortcut,
    title: row.title,
    bodyFr: row.body_fr,
    bodyEn: row.body_en,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
