import { randomBytes } from "node:crypto";
import { channelCreator } from "../../../src/server/commands/channelCreator.ts";
import type { Channel } from "../../../src/server/db/schema.ts";
import { postMetaHook } from "../../fakes/graph.ts";
import { startWhatsAppFake } from "../../fakes/whatsapp.ts";
import type { WebRelais } from "./relais.ts";

/** One WhatsApp business number and its app, as the Graph fake knows them. */
export const WHATSAPP = {
  phoneNumberId: "106540352242922",
  wabaId: "102290129340398",
  accessToken: "EAAJB0WhatsAppBrowserTestToken",
  appSecret: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
  verifyToken: "relais-verify-whatsapp-e2e",
} as const;

export type WhatsAppFake = Awaited<ReturnType<typeof startWhatsAppFake>>;

/** The WhatsApp Cloud API on loopback (messages and the approved templates). */
export function startWhatsApp(): Promise<WhatsAppFake> {
  return startWhatsAppFake({
    accessToken: WHATSAPP.accessToken,
    appSecret: WHATSAPP.appSecret,
    phoneNumberId: WHATSAPP.phoneNumberId,
    wabaId: WHATSAPP.wabaId,
  });
}

/** A WhatsApp channel of `accountId` whose Graph API is the fake. */
export function createWhatsAppChannel(
  relais: WebRelais,
  accountId: string,
  graphUrl: string,
): Promise<Channel> {
  return channelCreator(relais.services.db, relais.services.secrets, {
    accountId,
    kind: "whatsapp",
    name: "WhatsApp",
    config: { phoneNumberId: WHATSAPP.phoneNumberId, wabaId: WHATSAPP.wabaId, graphUrl },
    secrets: {
      accessToken: WHATSAPP.accessToken,
      appSecret: WHATSAPP.appSecret,
      verifyToken: WHATSAPP.verifyToken,
    },
  });
}

/**
 * A customer's text as Meta delivers it: a signed `messages` webhook whose `timestamp` says when
 * they wrote (`at`), which is what opens WhatsApp's 24-hour window.
 */
export async function whatsappCustomerWrites(
  relais: WebRelais,
  channelId: string,
  message: {
    text: string;
    at: Date;
    waId: string;
    name: string;
    /** A photo instead of text, by its media id, with `text` as its caption. */
    imageId?: string;
  },
) {
  const payload = {
    object: "whatsapp_business_account",
    entry: [
      {
        id: WHATSAPP.wabaId,
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: {
                display_phone_number: "33180203040",
                phone_number_id: WHATSAPP.phoneNumberId,
              },
              contacts: [{ profile: { name: message.name }, wa_id: message.waId }],
              messages: [
                {
                  from: message.waId,
                  id: `wamid.${randomBytes(24).toString("base64")}`,
                  timestamp: String(Math.floor(message.at.getTime() / 1000)),
                  ...(message.imageId
                    ? {
                        type: "image",
                        image: {
                          caption: message.text,
                          mime_type: "image/jpeg",
                          sha256: "PrtbvoH2BBXzPhFPLqLi6ADqxvBrAGvR1xOxdWBfCdE=",
                          id: message.imageId,
                        },
                      }
                    : { text: { body: message.text }, type: "text" }),
                },
              ],
            },
          },
        ],
      },
    ],
  };
  const response = await postMetaHook(relais.url, channelId, WHATSAPP.appSecret, payload);
  if (response.status !== 200) {
    throw new Error(`webhook answered ${response.status}: ${response.text}`);
  }
}
