import type { Actor } from "../auth/actor.ts";
import type { Callback, Conversation } from "../db/schema.ts";
import { unprocessable } from "../errors.ts";
import { findCallbackDefaults } from "../models/callbacks.ts";
import type { TCallbackCreateRequest } from "../routes/api/callbacks/schema.ts";
import type { Services } from "../services.ts";
import { callbackNotice } from "./customerNotice.ts";
import { callbackRequester } from "./requester.ts";

/**
 * An agent (or an integration, by API token) books a callback for the customer of a
 * conversation: the number and zone default to the contact's, and the customer is told on their
 * channel unless asked not to.
 */
export async function callbackBooker(
  services: Services,
  props: { actor: Actor; conversation: Conversation; request: TCallbackCreateRequest },
): Promise<Callback> {
  const { actor, conversation, request } = props;
  const defaults = await findCallbackDefaults(
    services.db,
    actor.accountId,
    conversation.contact_id,
  );
  const phone = request.phone ?? defaults.phone;
  if (!phone) throw unprocessable("phone_required", "The customer has no phone number: give one.");
  const callback = await callbackRequester(services, {
    accountId: actor.accountId,
    conversationId: conversation.id,
    phone,
    region: request.region,
    scheduledAt: new Date(request.scheduledAt),
    customerTimeZone: request.timeZone ?? defaults.timeZone,
    source: actor.via === "token" ? "api" : "agent",
    teamId: request.teamId,
    assigneeId: request.assigneeId,
    note: request.note,
    actorUserId: actor.userId,
  });
  if (request.notifyCustomer) {
    await callbackNotice(services, {
      accountId: actor.accountId,
      callbackId: callback.id,
      kind: "confirmed",
      actorUserId: actor.userId,
    });
  }
  return callback;
}
