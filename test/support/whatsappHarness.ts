import { beforeEach } from "vitest";
import { metaDeliverer } from "../fakes/graph.ts";
import { startWhatsAppFake } from "../fakes/whatsapp.ts";
import { socialChannel, useSocialProvider } from "./socialHarness.ts";

/** The business phone number, its WhatsApp Business Account, and the customer of the fixtures. */
export const PHONE_NUMBER_ID = "106540352242922";
export const WABA_ID = "102290129340398";
export const WA_ID = "33798765432";

export interface WhatsAppSecrets {
  accessToken: string;
  appSecret: string;
  verifyToken: string;
}

/**
 * Relais and a WhatsApp Cloud API fake for the whole test file (`useSocialProvider`), the fake's
 * records emptied before each test, and `channel()`: a WhatsApp channel of a fresh account on
 * them, its webhooks signed with the app secret.
 */
export function useWhatsApp(secrets: WhatsAppSecrets) {
  const running = useSocialProvider(() =>
    startWhatsAppFake({
      accessToken: secrets.accessToken,
      appSecret: secrets.appSecret,
      phoneNumberId: PHONE_NUMBER_ID,
      wabaId: WABA_ID,
    }),
  );
  beforeEach(() => {
    const fake = running.fake();
    fake.calls.length = 0;
    fake.sent.length = 0;
    fake.media.clear();
  });
  return {
    relais: running.relais,
    fake: running.fake,
    channel: () =>
      socialChannel(running.relais(), {
        kind: "whatsapp",
        name: "WhatsApp",
        config: { phoneNumberId: PHONE_NUMBER_ID, wabaId: WABA_ID, graphUrl: running.fake().url },
        secrets: { ...secrets },
        deliver: metaDeliverer(secrets.appSecret),
      }),
  };
}
