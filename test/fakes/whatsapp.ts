import {
  type FakeAnswer,
  fakeId,
  type GraphCall,
  graphError,
  metaFixture,
  startGraphFake,
} from "./graph.ts";

/**
 * The WhatsApp Cloud API on loopback: `POST /<phone-number-id>/messages` (text and template),
 * `GET /<waba-id>/message_templates` with paging, Cloud API error bodies (with
 * `error_data.details`) and rate-limit answers scripted by the test.
 */
export interface WhatsAppFakeOptions {
  accessToken: string;
  appSecret: string;
  phoneNumberId: string;
  wabaId: string;
}

export interface SentWhatsApp {
  id: string;
  to: string;
  type: string;
  body: any;
}

export async function startWhatsAppFake(options: WhatsAppFakeOptions) {
  const sent: SentWhatsApp[] = [];
  const answer = (call: GraphCall): FakeAnswer | null => {
    if (call.method === "POST" && call.path === `${options.phoneNumberId}/messages`) {
      const body = call.body ?? {};
      if (body.messaging_product !== "whatsapp") {
        return graphError(400, {
          message: "(#100) The parameter messaging_product is required.",
          code: 100,
        });
      }
      const to = String(body.to ?? body.recipient ?? "");
      if (body.type === "text" && !body.text?.body) {
        return graphError(400, { message: "(#100) Param text['body'] is required.", code: 100 });
      }
      if (body.type === "template" && !body.template?.name) {
        return graphError(400, {
          message: "(#100) Param template['name'] is required.",
          code: 100,
        });
      }
      const id = `wamid.${Buffer.from(fakeId()).toString("base64")}`;
      sent.push({ id, to, type: body.type, body });
      return {
        body: {
          messaging_product: "whatsapp",
          contacts: [{ input: to, wa_id: to.replace(/^\+/, "") }],
          messages: [{ id }],
        },
      };
    }
    if (call.method === "GET" && call.path === `${options.wabaId}/message_templates`) {
      const page = metaFixture("whatsapp-templates");
      if (call.query.get("after")) return { body: { data: [], paging: { cursors: {} } } };
      return { body: page };
    }
    return null;
  };
  const graph = await startGraphFake({
    accessToken: options.accessToken,
    appSecret: options.appSecret,
    extra: answer,
  });
  return { ...graph, sent };
}

/** The Cloud API's answer when a business/customer pair is sent too much (131056). */
export function pairRateLimit(): FakeAnswer {
  return graphError(400, {
    message: "(#131056) (Business Account, Consumer Account) pair rate limit hit",
    code: 131056,
    details:
      "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.",
  });
}
