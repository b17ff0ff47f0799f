import { z } from "zod";
import { type MastodonNotification, type MastodonStatus, ZNotification, ZStatus } from "./parse.ts";

/**
 * One WebSocket frame of the streaming API (docs.joinmastodon.org/methods/streaming,
 * "Establishing a WebSocket connection"): `{"stream": ["user"], "event": "…", "payload": "…"}`
 * where the payload is the entity *cast to a string* (JSON inside JSON), except for `delete`
 * whose payload is the bare status id. A refused subscription answers `{"error": "…"}`.
 */
const ZFrame = z.union([
  z.object({
    stream: z.array(z.string()).nullish(),
    event: z.string(),
    payload: z.unknown().optional(),
  }),
  z.object({ error: z.string() }),
]);

export type StreamEvent =
  | { kind: "notification"; notification: MastodonNotification }
  | { kind: "edit"; status: MastodonStatus }
  | { kind: "delete"; statusId: string }
  | { kind: "error"; error: string }
  /** Events Relais has no use for (home timeline `update`, `filters_changed`, announcements…). */
  | { kind: "ignored"; event: string };

export type ParsedFrame = { ok: true; event: StreamEvent } | { ok: false; reason: string };

/** Never throws: a frame that is not what the documentation describes is reported, not fatal. */
export function parseStreamFrame(raw: string): ParsedFrame {
  const frame = ZFrame.safeParse(parseJson(raw));
  if (!frame.success) return { ok: false, reason: "not a streaming event" };
  if ("error" in frame.data) return { ok: true, event: { kind: "error", error: frame.data.error } };
  const { event, payload } = frame.data;
  switch (event) {
    case "notification": {
      const notification = ZNotification.safeParse(entityOf(payload));
      return notification.success
        ? { ok: true, event: { kind: "notification", notification: notification.data } }
        : { ok: false, reason: `malformed notification: ${firstIssue(notification.error)}` };
    }
    case "status.update": {
      const status = ZStatus.safeParse(entityOf(payload));
      return status.success
        ? { ok: true, event: { kind: "edit", status: status.data } }
        : { ok: false, reason: `malformed status.update: ${firstIssue(status.error)}` };
    }
    case "delete": {
      const id = ZStatusId.safeParse(payload);
      return id.success
        ? { ok: true, event: { kind: "delete", statusId: String(id.data) } }
        : { ok: false, reason: "malformed delete: no status id" };
    }
    default:
      return { ok: true, event: { kind: "ignored", event } };
  }
}

/** Ids are strings; a number is accepted from servers that send one, never an empty value. */
const ZStatusId = z.union([z.string().trim().min(1).max(100), z.number().int().nonnegative()]);

/** The documented string-encoded entity; an already decoded object is tolerated too. */
function entityOf(payload: unknown): unknown {
  return typeof payload === "string" ? parseJson(payload) : payload;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "payload"}: ${issue.message}` : "invalid";
}
