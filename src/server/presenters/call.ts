import type { TCall } from "../../shared/callbacks.ts";
import type { Call } from "../db/schema.ts";
import { iso, isoOrNull } from "./dates.ts";

export function presentCall(call: Call): TCall {
  return {
    id: call.id,
    conversationId: call.conversation_id,
    callbackId: call.callback_id,
    direction: call.direction,
    status: call.status,
    from: call.from_number,
    to: call.to_number,
    durationSeconds: call.duration_seconds,
    recordingUrl: call.recording_url,
    answeredAt: isoOrNull(call.answered_at),
    endedAt: isoOrNull(call.ended_at),
    createdAt: iso(call.created_at),
  };
}
