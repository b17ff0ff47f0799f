import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWhatsAppFake } from "../../../../test/fakes/whatsapp.ts";
import type { Channel, Conversation, Identity, Message } from "../../db/schema.ts";
import { whatsappProvider } from "./provider.ts";

const PHONE_NUMBER_ID = "106540352242922";
const ACCESS_TOKEN = "EAAJB0WhatsAppSendToken";
const APP_SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

describe("WhatsApp send", () => {
  let fake: Awaited<ReturnType<typeof startWhatsAppFake>>;
  beforeAll(async () => {
    fake = await startWhatsAppFake({
      accessToken: ACCESS_TOKEN,
      appSecret: APP_SECRET,
      phoneNumberId: PHONE_NUMBER_ID,
      wabaId: "102290129340398",
    });
  });
  afterAll(async () => {
    await fake?.close();
  });

  const channel = () => ({
    row: { id: "c1", account_id: "a1", state: {} } as unknown as Channel,
    config: { phoneNumberId: PHONE_NUMBER_ID, graphUrl: fake.url },
    secrets: { accessToken: ACCESS_TOKEN, appSecret: APP_SECRET, verifyToken: "verify-me" },
  });
  const context = { timeoutMs: 2000, allowPrivateAddresses: true, saveState: async () => {} };
  const outbound = (recipient: string, visibility: "public" | "private" = "private") => ({
    message: { text: "Olá Ana!", visibility, metadata: {} } as unknown as Message,
    conversation: {} as Conversation,
    recipient: { value: recipient } as Identity,
    inReplyTo: null,
  });

  it("addresses a user known only by business-scoped id with `recipient`", async () => {
    const result = await whatsappProvider.send(channel(), outbound("PT.1502576394655843"), context);
    expect(result).toMatchObject({ ok: true, status: "sent" });
    const body = fake.calls.at(-1)?.body;
    expect(body.recipient).toBe("PT.1502576394655843");
    expect(body.to).toBeUndefined();
  });

  it("sends nothing public", async () => {
    const before = fake.calls.length;
    const result = await whatsappProvider.send(
      channel(),
      outbound("33798765432", "public"),
      context,
    );
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(fake.calls.length).toBe(before);
  });
});
