import { channelCreator } from "../../commands/channelCreator.ts";
import { inboundIngester } from "../../commands/inboundIngester.ts";
import { randomSecret } from "../../crypto/tokens.ts";
import type { Channel } from "../../db/schema.ts";
import { recordEvent } from "../../events/outbox.ts";
import type { Services } from "../../services.ts";
import type { DemoContext, DemoSection } from "./context.ts";
import { DEMO_CONVERSATIONS, type DemoConversation } from "./script.ts";

/** The online shop's conversations, through the generic API channel. */
export const apiDemo: DemoSection = {
  name: "Boutique en ligne",
  async run(services, context) {
    const channel = await channelCreator(services.db, services.secrets, {
      accountId: context.accountId,
      kind: "api",
      name: "Boutique en ligne",
      config: {},
      secrets: { secret: randomSecret() },
    });
    for (const script of DEMO_CONVERSATIONS) {
      await playConversation(services, context, channel, script);
    }
    return DEMO_CONVERSATIONS.length;
  },
};

/** Plays a scripted exchange: customer turns through the ingester, agent turns as delivered replies. */
export async function playConversation(
  services: Services,
  context: DemoContext,
  channel: Channel,
  script: DemoConversation,
): Promise<string | undefined> {
  const { accountId } = context;
  let conversationId: string | undefined;
  for (const [index, turn] of script.turns.entries()) {
    const at = context.ago(turn.ago);
    if (turn.from === "customer") {
      const outcome = await inboundIngester(services.db, channel, [
        {
          type: "message",
          message: {
            externalId: `${script.customer.id}-${index + 1}-${channel.id.slice(0, 8)}`,
            text: turn.text,
            visibility: "private",
            sentAt: at,
            contact: {
              identity: {
                kind: "api",
                value: script.customer.id,
                displayName: script.customer.name,
                verified: true,
              },
              name: script.customer.name,
              email: script.customer.email,
              phone: script.customer.phone,
              locale: script.customer.locale,
              timeZone: script.customer.timeZone,
            },
          },
        },
      ]);
      const messageId = outcome.messageIds[0];
      if (messageId && !conversationId) {
        const row = await services.db
          .selectFrom("messages")
          .select("conversation_id")
          .where("account_id", "=", accountId)
          .where("id", "=", messageId)
          .executeTakeFirstOrThrow();
        conversationId = row.conversation_id;
      }
      continue;
    }
    if (!conversationId) continue;
    await addAgentTurn(services, context, { conversationId, channelId: channel.id, turn, at });
  }
  if (!conversationId) return undefined;
  const status = script.status ?? "open";
  await services.db
    .updateTable("conversations")
    .set({
      status,
      priority: script.priority ?? "normal",
      assignee_id: script.assignee ? context.people[script.assignee].id : null,
      team_id: script.team ? context.teams[script.team] : null,
      waiting_since: status === "resolved" ? null : undefined,
      resolved_at: status === "resolved" ? new Date() : null,
      snoozed_until: status === "snoozed" ? new Date(Date.now() + 2 * 86_400_000) : null,
    })
    .where("account_id", "=", accountId)
    .where("id", "=", conversationId)
    .execute();
  return conversationId;
}

/** An agent's reply (already delivered) or internal note, at a moment in the past. */
export async function addAgentTurn(
  services: Services,
  context: DemoContext,
  props: {
    conversationId: string;
    channelId: string;
    turn: {
      from: "agent" | "note" | "customer";
      text: string;
      agent?: "admin" | "camille" | "sam";
    };
    at: Date;
    visibility?: "public" | "private";
  },
) {
  const { accountId } = context;
  const { turn, at, conversationId } = props;
  const isReply = turn.from === "agent";
  await services.db.transaction().execute(async (trx) => {
    const message = await trx
      .insertInto("messages")
      .values({
        account_id: accountId,
        conversation_id: conversationId,
        channel_id: props.channelId,
        direction: isReply ? "out" : "note",
        author_user_id: context.people[turn.agent ?? "admin"].id,
        text: turn.text,
        visibility: isReply ? (props.visibility ?? "private") : "private",
        delivery_status: isReply ? "delivered" : null,
        sent_at: isReply ? at : null,
        delivered_at: isReply ? at : null,
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (isReply) {
      await trx
        .updateTable("conversations")
        .set((eb) => ({
          waiting_since: null,
          first_response_at: eb.fn.coalesce("first_response_at", eb.val(at)),
          last_message_at: at,
        }))
        .where("account_id", "=", accountId)
        .where("id", "=", conversationId)
        .execute();
    }
    await recordEvent(trx, {
      accountId,
      name: "message.created",
      payload: { conversationId, messageId: message.id },
    });
  });
}
