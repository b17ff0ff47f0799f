import type { Kysely } from "kysely";
import type { PhoneChannel } from "../channels/phone/config.ts";
import { callerNumber, inboundCallItem } from "../channels/phone/provider.ts";
import { inboundTwiml, param, type TwilioParams } from "../channels/phone/twilio.ts";
import { inboundIngester } from "../commands/inboundIngester.ts";
import type { Call, Channel, DB } from "../db/schema.ts";
import { badRequest } from "../errors.ts";
import { recordEvent } from "../events/outbox.ts";
import type { Services } from "../services.ts";
import { callMetadata } from "./callStarter.ts";
import { callbackNotice } from "./customerNotice.ts";
import { displayPhone } from "./model.ts";
import { accountLanguage, addNote, formatDuration, isNoteKey, noteText } from "./notes.ts";

/** Twilio call statuses in the order a call goes through them; the last four end it. */
const STATUS_RANK: Record<string, number> = {
  queued: 0,
  initiated: 1,
  ringing: 2,
  "in-progress": 3,
  completed: 4,
  busy: 4,
  "no-answer": 4,
  failed: 4,
  canceled: 4,
};
const MISSED = new Set(["busy", "no-answer", "failed"]);

export interface CallHookOutcome {
  /** TwiML for Twilio's voice webhook (an incoming call); status callbacks need none. */
  twiml: string | null;
  logged: boolean;
}

/**
 * One signed Twilio callback: a call's progress (ringing, answered, ended with its duration,
 * missed), a recording ready, or a call coming in. Each is logged once (Twilio may retry) as a
 * note in the conversation the call belongs to; a missed callback goes back to "to reschedule"
 * and the customer is told on their own channel, with new times.
 */
export async function callHookHandler(
  services: Services,
  channel: PhoneChannel,
  params: TwilioParams,
): Promise<CallHookOutcome> {
  const sid = param(params, "CallSid");
  if (!sid) throw badRequest("invalid_payload", "CallSid is missing.");
  const row = channel.row;
  const known = await services.db
    .selectFrom("calls")
    .selectAll()
    .where("account_id", "=", row.account_id)
    .where("channel_id", "=", row.id)
    .where("external_id", "=", sid)
    .executeTakeFirst();

  if (!known) {
    if (param(params, "Direction") === "inbound" && param(params, "CallStatus") === "ringing") {
      return incomingCall(services, channel, params);
    }
    // A callback for a call Relais does not know (another app on the same number, or an
    // "initiated" that overtook the call's own record): acknowledged, nothing to log.
    services.log.info({ channelId: row.id, sid }, "Twilio callback for an unknown call");
    return { twiml: null, logged: false };
  }
  if (param(params, "RecordingStatus")) return recordingReady(services, row, known, params);
  return progress(services, row, known, params);
}

async function progress(services: Services, row: Channel, known: Call, params: TwilioParams) {
  const status = param(params, "CallStatus") ?? "";
  if (!(status in STATUS_RANK))
    throw badRequest("invalid_payload", `Unknown CallStatus "${status}".`);
  const duration = Number(param(params, "CallDuration") ?? Number.NaN);
  const recordingUrl = param(params, "RecordingUrl") ?? null;
  const at = parseTimestamp(param(params, "Timestamp"));

  const outcome = await services.db.transaction().execute(async (trx) => {
    const call = await lockCall(trx, known);
    const forward = (STATUS_RANK[status] ?? 0) > (STATUS_RANK[call.status] ?? 0);
    const updated = await trx
      .updateTable("calls")
      .set({
        status: forward ? status : call.status,
        answered_at: status === "in-progress" ? (call.answered_at ?? at) : call.answered_at,
        ended_at: STATUS_RANK[status] === 4 ? (call.ended_at ?? at) : call.ended_at,
        duration_seconds: Number.isFinite(duration) ? duration : call.duration_seconds,
        recording_url: recordingUrl ?? call.recording_url,
        updated_at: new Date(),
      })
      .where("account_id", "=", call.account_id)
      .where("id", "=", call.id)
      .returningAll()
      .executeTakeFirstOrThrow();

    const language = await accountLanguage(trx, call.account_id);
    const key = `call.${status}`;
    const noteId =
      status !== "queued" && isNoteKey(key)
        ? await addNote(trx, {
            accountId: call.account_id,
            conversationId: call.conversation_id,
            channelId: row.id,
            externalId: `${call.external_id}:${status}`,
            text: noteText(key, language, {
              to: displayPhone(call.to_number),
              duration: formatDuration(Number.isFinite(duration) ? duration : 0, language),
            }),
            metadata: { call: { ...callMetadata(updated), status }, callbackId: call.callback_id },
          })
        : null;

    let missed = false;
    if (noteId && call.callback_id && STATUS_RANK[status] === 4) {
      const next = status === "completed" ? "completed" : "to_reschedule";
      const changed = await trx
        .updateTable("callbacks")
        .set({ status: next, updated_at: new Date() })
        .where("account_id", "=", call.account_id)
        .where("id", "=", call.callback_id)
        .where("status", "=", "calling")
        .returning("id")
        .executeTakeFirst();
      missed = changed !== undefined && MISSED.has(status);
    }
    if (noteId) {
      await recordEvent(trx, {
        accountId: call.account_id,
        name: "conversation.updated",
        payload: { conversationId: call.conversation_id, changes: ["call"] },
      });
    }
    return { call: updated, logged: noteId !== null, missed, language };
  });

  if (outcome.missed && outcome.call.callback_id) {
    await missedCallback(services, outcome.call, outcome.language);
  }
  return { twiml: null, logged: outcome.logged };
}

/** The customer is told on their channel and offered new times; the timeline says whether it worked. */
async function missedCallback(services: Services, call: Call, language: "fr" | "en") {
  const callbackId = call.callback_id ?? "";
  const notice = await callbackNotice(services, {
    accountId: call.account_id,
    callbackId,
    kind: "missed",
    actorUserId: call.started_by_id,
  });
  await services.db.transaction().execute((trx) =>
    addNote(trx, {
      accountId: call.account_id,
      conversationId: call.conversation_id,
      text: notice.ok
        ? noteText("callback.toReschedule", language)
        : noteText("callback.noticeFailed", language, { reason: notice.reason }),
      metadata: { callback: { id: callbackId, status: "to_reschedule", customerTold: notice.ok } },
    }),
  );
}

async function recordingReady(services: Services, row: Channel, known: Call, params: TwilioParams) {
  const url = param(params, "RecordingUrl");
  if (param(params, "RecordingStatus") !== "completed" || !url)
    return { twiml: null, logged: false };
  const logged = await services.db.transaction().execute(async (trx) => {
    const call = await lockCall(trx, known);
    const updated = await trx
      .updateTable("calls")
      .set({ recording_url: url, updated_at: new Date() })
      .where("account_id", "=", call.account_id)
      .where("id", "=", call.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const noteId = await addNote(trx, {
      accountId: call.account_id,
      conversationId: call.conversation_id,
      channelId: row.id,
      externalId: `${call.external_id}:recording:${param(params, "RecordingSid")}`,
      text: noteText("call.recording", await accountLanguage(trx, call.account_id)),
      metadata: {
        call: { ...callMetadata(updated), recordingUrl: url },
        recordingDuration: Number(param(params, "RecordingDuration") ?? 0),
        callbackId: call.callback_id,
      },
    });
    return noteId !== null;
  });
  return { twiml: null, logged };
}

/**
 * A call comes in: the caller's number (E.164, a verified phone identity) finds their contact,
 * or makes one, and their phone conversation; the call is remembered for its later callbacks.
 */
async function incomingCall(services: Services, channel: PhoneChannel, params: TwilioParams) {
  const row = channel.row;
  const language = await accountLanguage(services.db, row.account_id);
  const item = inboundCallItem(params, language);
  const message =
    language === "fr"
      ? "Merci de votre appel. Nous ne pouvons pas répondre pour le moment : nous vous rappelons très vite."
      : "Thank you for calling. We cannot answer right now: we will call you back very soon.";
  const twiml = inboundTwiml({ language, connectTo: channel.config.connectTo, message });
  if (item?.type !== "message") return { twiml, logged: false };

  const outcome = await inboundIngester(services.db, row, [item]);
  const stored = await services.db
    .selectFrom("messages")
    .select("conversation_id")
    .where("account_id", "=", row.account_id)
    .where("channel_id", "=", row.id)
    .where("external_id", "=", item.message.externalId)
    .executeTakeFirstOrThrow();
  await services.db
    .insertInto("calls")
    .values({
      account_id: row.account_id,
      channel_id: row.id,
      external_id: param(params, "CallSid") ?? "",
      conversation_id: stored.conversation_id,
      direction: "inbound",
      status: "ringing",
      from_number: callerNumber(param(params, "From")) ?? "",
      to_number: param(params, "To") ?? "",
    })
    .onConflict((conflict) =>
      conflict.columns(["account_id", "channel_id", "external_id"]).doNothing(),
    )
    .execute();
  return { twiml, logged: outcome.stored > 0 };
}

async function lockCall(trx: Kysely<DB>, call: Call) {
  return trx
    .selectFrom("calls")
    .selectAll()
    .where("account_id", "=", call.account_id)
    .where("id", "=", call.id)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** Twilio's Timestamp is RFC 2822 ("Tue, 24 Nov 2026 17:00:04 +0000"). */
function parseTimestamp(raw: string | undefined): Date {
  const parsed = raw ? new Date(raw) : new Date();
  return Number.isNaN(parsed.getTime()) ? new Date() : parsed;
}
