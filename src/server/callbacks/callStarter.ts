import type { Actor } from "../auth/actor.ts";
import type { PhoneChannel } from "../channels/phone/config.ts";
import { statusCallbackUrl } from "../channels/phone/provider.ts";
import { callbackTwiml, startTwilioCall } from "../channels/phone/twilio.ts";
import { resolveChannel } from "../channels/resolve.ts";
import type { Call, Callback } from "../db/schema.ts";
import { publicUrl } from "../env.ts";
import { notFound, unprocessable } from "../errors.ts";
import { recordEvent } from "../events/outbox.ts";
import { customerLanguage } from "../i18n/customer.ts";
import type { Services } from "../services.ts";
import { displayPhone, lockCallback } from "./model.ts";
import { accountLanguage, addNote, noteText } from "./notes.ts";

const GREETING = {
  fr: (company: string) =>
    `Bonjour, ici ${company}. Vous avez demandé à être rappelé : nous vous mettons en relation.`,
  en: (company: string) =>
    `Hello, this is ${company}. You asked us to call you back: we are connecting you now.`,
};
const WAITING = {
  fr: "Un conseiller va vous répondre dans un instant.",
  en: "An agent will be with you in a moment.",
};

/**
 * The agent starts the call of a callback: Twilio dials the customer (and, once they answer,
 * the agents' line) and reports each step to /hooks/<phone-channel-id>. The callback is marked
 * as calling first, so two agents cannot call the same customer at once. The caller has
 * authorized the actor to reply in the callback's conversation.
 */
export async function callStarter(
  services: Services,
  props: { actor: Actor; callbackId: string; channelId?: string | null },
): Promise<{ callback: Callback; call: Call }> {
  const { actor } = props;
  const claim = await services.db.transaction().execute(async (trx) => {
    const callback = await lockCallback(trx, actor.accountId, props.callbackId);
    if (!callback) throw notFound("Callback");
    if (callback.status !== "scheduled" && callback.status !== "to_reschedule") {
      throw unprocessable("callback_not_callable", `This callback is ${callback.status}.`);
    }
    const channel = await trx
      .selectFrom("channels")
      .selectAll()
      .where("account_id", "=", actor.accountId)
      .where("kind", "=", "phone")
      .where("disabled_at", "is", null)
      .$if(Boolean(props.channelId), (query) => query.where("id", "=", props.channelId ?? ""))
      .orderBy("created_at")
      .limit(1)
      .executeTakeFirst();
    if (!channel) {
      throw unprocessable("no_phone_channel", "Add a phone channel (Twilio) to call customers.");
    }
    await trx
      .updateTable("callbacks")
      .set((eb) => ({
        status: "calling",
        started_by_id: actor.userId,
        attempts: eb("attempts", "+", 1),
        updated_at: new Date(),
      }))
      .where("account_id", "=", actor.accountId)
      .where("id", "=", callback.id)
      .execute();
    const context = await trx
      .selectFrom("conversations as c")
      .innerJoin("contacts as ct", (join) =>
        join.onRef("ct.account_id", "=", "c.account_id").onRef("ct.id", "=", "c.contact_id"),
      )
      .innerJoin("accounts as a", "a.id", "c.account_id")
      .select(["c.language", "ct.locale", "a.locale as account_locale", "a.name as account_name"])
      .where("c.account_id", "=", actor.accountId)
      .where("c.id", "=", callback.conversation_id)
      .executeTakeFirstOrThrow();
    return { callback, channel, context };
  });

  const { channel } = resolveChannel(claim.channel, services.secrets);
  const phone = channel as PhoneChannel;
  const language = customerLanguage(
    claim.context.language,
    claim.context.locale,
    claim.context.account_locale,
  );
  const result = await startTwilioCall(
    phone,
    {
      to: claim.callback.phone,
      statusCallback: statusCallbackUrl(phone, publicUrl(services.env)),
      twiml: callbackTwiml({
        greeting: GREETING[language](claim.context.account_name),
        waiting: WAITING[language],
        language,
        connectTo: phone.config.connectTo,
        callerId: phone.config.from,
      }),
    },
    {
      timeoutMs: services.env.RELAIS_HTTP_TIMEOUT_MS,
      allowPrivateAddresses: services.env.RELAIS_OUTBOUND_ALLOW_PRIVATE,
    },
  );

  if (!result.ok) {
    await services.db
      .updateTable("callbacks")
      .set({ status: claim.callback.status, updated_at: new Date() })
      .where("account_id", "=", actor.accountId)
      .where("id", "=", claim.callback.id)
      .where("status", "=", "calling")
      .execute();
    throw unprocessable("call_failed", `The call could not be started: ${result.reason}`);
  }

  return services.db.transaction().execute(async (trx) => {
    const call = await trx
      .insertInto("calls")
      .values({
        account_id: actor.accountId,
        channel_id: claim.channel.id,
        external_id: result.sid,
        conversation_id: claim.callback.conversation_id,
        callback_id: claim.callback.id,
        direction: "outbound",
        status: result.status,
        from_number: phone.config.from,
        to_number: claim.callback.phone,
        started_by_id: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const callback = await trx
      .updateTable("callbacks")
      .set({ last_call_id: call.id, updated_at: new Date() })
      .where("account_id", "=", actor.accountId)
      .where("id", "=", claim.callback.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const agent = await trx
      .selectFrom("users")
      .select("name")
      .where("account_id", "=", actor.accountId)
      .where("id", "=", actor.userId)
      .executeTakeFirst();
    await addNote(trx, {
      accountId: actor.accountId,
      conversationId: call.conversation_id,
      channelId: call.channel_id,
      externalId: `${call.external_id}:started`,
      authorUserId: actor.userId,
      text: noteText("call.started", await accountLanguage(trx, actor.accountId), {
        to: displayPhone(call.to_number),
        agent: agent?.name ?? "",
      }),
      metadata: { call: callMetadata(call), callbackId: callback.id },
    });
    await recordEvent(trx, {
      accountId: actor.accountId,
      name: "conversation.updated",
      payload: { conversationId: call.conversation_id, changes: ["callback", "call"] },
      actorUserId: actor.userId,
    });
    return { callback, call };
  });
}

/** What the timeline shows of a call (message.metadata.call). */
export function callMetadata(call: Call) {
  return {
    callId: call.id,
    sid: call.external_id,
    direction: call.direction,
    status: call.status,
    duration: call.duration_seconds,
    recordingUrl: call.recording_url,
    from: call.from_number,
    to: call.to_number,
  };
}
