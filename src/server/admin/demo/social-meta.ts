import type { InboundRequest } from "../../channels/provider.ts";
import { resolveChannel } from "../../channels/resolve.ts";
import { channelCreator } from "../../commands/channelCreator.ts";
import { inboundIngester } from "../../commands/inboundIngester.ts";
import { randomSecret } from "../../crypto/tokens.ts";
import type { Channel } from "../../db/schema.ts";
import { customerString } from "../../i18n/customer.ts";
import type { Services } from "../../services.ts";
import { addAgentTurn } from "./api.ts";
import { DEMO_SANDBOX_URL, type DemoContext, type DemoSection } from "./context.ts";

const PAGE_ID = "104857600123456";
const IG_USER_ID = "17841400123456789";
const PHONE_NUMBER_ID = "106540352242922";
const POST_ID = `${PAGE_ID}_122131676912594941`;

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * Facebook, Instagram and WhatsApp: a Page comment thread answered publicly then privately, a
 * Messenger conversation, an Instagram comment and a WhatsApp exchange. Customers' messages are
 * real-shaped webhook payloads read by each provider's own `parse`, then stored by the ingester.
 */
export const socialMetaDemo: DemoSection = {
  name: "Facebook, Instagram, WhatsApp",
  async run(services, context) {
    const credentials = () => ({ appSecret: randomSecret(), verifyToken: randomSecret(12) });
    const facebook = await channelCreator(services.db, services.secrets, {
      accountId: context.accountId,
      kind: "facebook",
      name: "Page Facebook Maison Lumière",
      config: { pageId: PAGE_ID, graphUrl: DEMO_SANDBOX_URL },
      secrets: { pageToken: `demo-${randomSecret()}`, ...credentials() },
    });
    const instagram = await channelCreator(services.db, services.secrets, {
      accountId: context.accountId,
      kind: "instagram",
      name: "@maisonlumiere",
      config: { pageId: PAGE_ID, igUserId: IG_USER_ID, graphUrl: DEMO_SANDBOX_URL },
      secrets: { pageToken: `demo-${randomSecret()}`, ...credentials() },
    });
    const whatsapp = await channelCreator(services.db, services.secrets, {
      accountId: context.accountId,
      kind: "whatsapp",
      name: "WhatsApp Service client",
      config: { phoneNumberId: PHONE_NUMBER_ID, graphUrl: DEMO_SANDBOX_URL },
      secrets: { accessToken: `demo-${randomSecret()}`, ...credentials() },
    });

    // A complaint under a Page post: answered in public, then moved to a private reply.
    const thread = await receive(services, facebook, {
      object: "page",
      entry: [
        {
          id: PAGE_ID,
          time: seconds(context.ago(75)),
          changes: [
            feedComment(context.ago(75), "1213590066990001", null, {
              id: "6712345098770001",
              name: "Nathalie Girard",
              text: "Ma lampe Aurora est arrivée avec l'abat-jour en verre brisé 😞 Commande CMD-51877. Je fais comment ?",
            }),
            feedComment(context.ago(70), "1213590066990002", "1213590066990001", {
              id: "6712345098770001",
              name: "Nathalie Girard",
              text: "J'ai des photos du carton si besoin.",
            }),
          ],
        },
      ],
    });
    if (thread) {
      await agent(
        services,
        context,
        facebook,
        thread,
        60,
        "camille",
        "public",
        "Bonjour Nathalie, toutes nos excuses pour cette mauvaise surprise ! Nous vous écrivons en message privé pour organiser le remplacement.",
      );
      await agent(
        services,
        context,
        facebook,
        thread,
        59,
        "camille",
        "private",
        "Bonjour Nathalie, pouvez-vous nous confirmer votre adresse de livraison ? Une nouvelle lampe Aurora part aujourd'hui, sans frais, et le transporteur reprendra l'ancienne.",
      );
      await agent(
        services,
        context,
        facebook,
        thread,
        58,
        "camille",
        "public",
        customerString("reply.privateAcknowledgement", "fr"),
      );
      await assign(services, context, thread, {
        team: "delivery",
        assignee: "camille",
        priority: "high",
      });
    }

    // A Messenger question before buying.
    const messenger = await receive(services, facebook, {
      object: "page",
      entry: [
        {
          id: PAGE_ID,
          time: context.ago(200).getTime(),
          messaging: [
            {
              sender: { id: "7281946350070002" },
              recipient: { id: PAGE_ID },
              timestamp: context.ago(200).getTime(),
              message: {
                mid: `m_demo_${randomSecret(12)}`,
                text: "Hi! Do you ship the Aurora lamp to Ireland? And does it come with an EU or a UK plug?",
              },
            },
          ],
        },
      ],
    });
    if (messenger) {
      await agent(
        services,
        context,
        facebook,
        messenger,
        185,
        "sam",
        "private",
        "Hi there! Yes, we ship to Ireland in 3–5 working days. The lamp has an EU plug and we include a UK adapter in the box.",
      );
    }

    // A comment on an Instagram post, answered in the thread.
    const comment = await receive(services, instagram, {
      object: "instagram",
      entry: [
        {
          id: IG_USER_ID,
          time: seconds(context.ago(40)),
          changes: [
            {
              field: "comments",
              value: {
                from: { id: "8123456789070003", username: "chloe.decor" },
                media: { id: "18023456789070003", media_product_type: "FEED" },
                id: "17865799348070003",
                text: "Trop belle cette housse de couette 😍 Elle existe en 260x240 ?",
              },
            },
          ],
        },
      ],
    });
    if (comment) {
      await agent(
        services,
        context,
        instagram,
        comment,
        32,
        "camille",
        "public",
        "Merci Chloé ! Oui, elle existe en 260x240, en lin lavé naturel et terracotta ✨",
      );
    }

    // A WhatsApp exchange about a parcel marked delivered but never received.
    const waMessage = (minutes: number, id: string, body: string) => ({
      from: "33645781290",
      id: `wamid.demo${id}${randomSecret(8)}`,
      timestamp: String(seconds(context.ago(minutes))),
      type: "text",
      text: { body },
    });
    const waPayload = (messages: unknown[]) => ({
      object: "whatsapp_business_account",
      entry: [
        {
          id: "102290129340398",
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: "33180203040", phone_number_id: PHONE_NUMBER_ID },
                contacts: [{ profile: { name: "Julien Morel" }, wa_id: "33645781290" }],
                messages,
              },
            },
          ],
        },
      ],
    });
    const chat = await receive(
      services,
      whatsapp,
      waPayload([
        waMessage(
          150,
          "1",
          "Bonjour, mon colis CMD-52004 est indiqué « livré » depuis hier mais je n'ai rien reçu, ni en boîte aux lettres ni chez le gardien.",
        ),
      ]),
    );
    if (chat) {
      await agent(
        services,
        context,
        whatsapp,
        chat,
        140,
        "admin",
        "private",
        "Bonjour Julien, je lance une enquête auprès du transporteur tout de suite. Je reviens vers vous avant demain 12 h avec une réponse ou un renvoi.",
      );
      await receive(
        services,
        whatsapp,
        waPayload([waMessage(135, "2", "Merci beaucoup, j'attends votre retour.")]),
      );
      await assign(services, context, chat, {
        team: "delivery",
        assignee: "admin",
        priority: "normal",
      });
    }
    return [thread, messenger, comment, chat].filter(Boolean).length;
  },
};

function feedComment(
  at: Date,
  commentId: string,
  parentId: string | null,
  author: { id: string; name: string; text: string },
) {
  const postNumber = POST_ID.split("_")[1];
  return {
    field: "feed",
    value: {
      from: { id: author.id, name: author.name },
      post: { status_type: "added_photos", is_published: true, id: POST_ID },
      message: author.text,
      post_id: POST_ID,
      comment_id: `${postNumber}_${commentId}`,
      parent_id: parentId ? `${postNumber}_${parentId}` : POST_ID,
      created_time: seconds(at),
      item: "comment",
      verb: "add",
    },
  };
}

/** Reads a webhook payload with the channel's provider and stores it; the conversation id. */
async function receive(services: Services, row: Channel, payload: unknown) {
  const { provider, channel } = resolveChannel(row, services.secrets);
  const request: InboundRequest = {
    method: "POST",
    headers: { "content-type": "application/json" },
    query: {},
    rawBody: Buffer.from(JSON.stringify(payload)),
  };
  const outcome = await inboundIngester(services.db, row, provider.parse(channel, request));
  const messageId = outcome.messageIds[0];
  if (!messageId) return null;
  const message = await services.db
    .selectFrom("messages")
    .select("conversation_id")
    .where("account_id", "=", row.account_id)
    .where("id", "=", messageId)
    .executeTakeFirstOrThrow();
  return message.conversation_id;
}

async function agent(
  services: Services,
  context: DemoContext,
  channel: Channel,
  conversationId: string,
  minutesAgo: number,
  who: "admin" | "camille" | "sam",
  visibility: "public" | "private",
  text: string,
) {
  await addAgentTurn(services, context, {
    conversationId,
    channelId: channel.id,
    turn: { from: "agent", agent: who, text },
    at: context.ago(minutesAgo),
    visibility,
  });
}

async function assign(
  services: Services,
  context: DemoContext,
  conversationId: string,
  props: {
    team: "delivery" | "tech";
    assignee: "admin" | "camille" | "sam";
    priority: "normal" | "high";
  },
) {
  await services.db
    .updateTable("conversations")
    .set({
      team_id: context.teams[props.team],
      assignee_id: context.people[props.assignee].id,
      priority: props.priority,
    })
    .where("account_id", "=", context.accountId)
    .where("id", "=", conversationId)
    .execute();
}
