/**
 * What some messages carry in `metadata`, read defensively (it is free-form JSON):
 * `call` on call notes and incoming calls, `callId` on an agent's notes about a call,
 * `chat` on chat replies the visitor was not there to see, `automation` on a rule's reply,
 * `template` on a reply sent as an approved template (WhatsApp).
 */

import type { TActionEntryMeta, TShopPushMeta } from "../../../shared/backoffice.ts";

export interface CallMeta {
  callId: string | null;
  sid: string | null;
  direction: "inbound" | "outbound";
  status: string;
  duration: number | null;
  recordingUrl: string | null;
  from: string | null;
  to: string | null;
}

export type ChatMeta =
  | { via: "widget"; reason: string }
  | { via: "email"; status: string; to: string; reason: string | null };

export interface AutomationMeta {
  ruleId: string;
  ruleName: string;
  language: string | null;
}

type Json = Record<string, unknown>;

function object(value: unknown): Json | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : null;
}

function str(value: unknown): string | null {
  return typeof value === "string" && value ? value : null;
}

export function callMeta(metadata: Json): CallMeta | null {
  const call = object(metadata.call);
  if (!call) return null;
  const duration = Number(call.duration);
  return {
    callId: str(call.callId),
    sid: str(call.sid),
    direction: call.direction === "inbound" ? "inbound" : "outbound",
    status: str(call.status) ?? "queued",
    duration: call.duration === null || !Number.isFinite(duration) ? null : duration,
    recordingUrl: str(call.recordingUrl),
    from: str(call.from),
    to: str(call.to),
  };
}

/** The call an agent's note is about (a call note), when it is one. */
export function callNoteOf(metadata: Json): string | null {
  return metadata.call ? null : str(metadata.callId);
}

export function chatMeta(metadata: Json): ChatMeta | null {
  const chat = object(metadata.chat);
  if (chat?.offline !== true) return null;
  if (chat.via === "email") {
    return {
      via: "email",
      status: str(chat.status) ?? "unknown",
      to: str(chat.to) ?? "",
      reason: str(chat.reason),
    };
  }
  return { via: "widget", reason: str(chat.reason) ?? "no_email" };
}

export function automationMeta(metadata: Json): AutomationMeta | null {
  const automation = object(metadata.automation);
  if (!automation) return null;
  return {
    ruleId: str(automation.ruleId) ?? "",
    ruleName: str(automation.ruleName) ?? "",
    language: str(automation.language),
  };
}

export interface TemplateMeta {
  name: string;
  language: string;
  variables: string[];
}

export function templateMeta(metadata: Json): TemplateMeta | null {
  const template = object(metadata.template);
  const name = str(template?.name);
  if (!template || !name) return null;
  const variables = Array.isArray(template.variables)
    ? template.variables.filter((value): value is string => typeof value === "string")
    : [];
  return { name, language: str(template.language) ?? "", variables };
}

/** The structured system entry of an agent action, when it carries its data (not older ones). */
export function actionEntryMeta(metadata: Json): TActionEntryMeta | null {
  if (metadata.system !== "agent_action") return null;
  if (typeof metadata.amount !== "number" || !Array.isArray(metadata.lines)) return null;
  if (!str(metadata.type) || !str(metadata.status) || !str(metadata.currency)) return null;
  return metadata as unknown as TActionEntryMeta;
}

/** The structured entry of what the shop did with an action. */
export function shopPushMeta(metadata: Json): TShopPushMeta | null {
  if (metadata.system !== "shop_push" || !str(metadata.result) || !str(metadata.what)) return null;
  return metadata as unknown as TShopPushMeta;
}
