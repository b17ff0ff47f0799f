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

  it("asks a survey as an interactive list whose rows are the scores", async () => {
    const url = "https://relais.example/s/srv_token";
    const survey = {
      resolutionId: "00000000-0000-4000-8000-000000000001",
      language: "fr",
      url,
      intro: "Merci !",
      questions: [
        {
          kind: "ces",
          text: "L'entreprise m'a facilité le traitement de ma demande.",
          max: 7,
          low: "Pas du tout d'accord",
          high: "Tout à fait d'accord",
          links: Array.from({ length: 7 }, (_, i) => ({
            score: i + 1,
            url: `${url}?ces=${i + 1}`,
          })),
        },
      ],
    };
    const message = {
      text: `Merci ! Répondez par un chiffre de 1 à 7, ou ici : ${url}`,
      visibility: "private",
      metadata: { survey },
    } as unknown as Message;
    const result = await whatsappProvider.send(
      channel(),
      { ...outbound("33798765432"), message },
      context,
    );
    expect(result).toMatchObject({ ok: true, status: "sent" });
    const body = fake.calls.at(-1)?.body;
    expect(body.type).toBe("interactive");
    expect(body.interactive.body.text).toContain(url);
    expect(body.interactive.action.button).toBe("Choisir une note");
    const rows = body.interactive.action.sections[0].rows;
    expect(rows.map((row: { title: string }) => row.title).join(" ")).toBe("1 2 3 4 5 6 7");
    expect(rows[5].id).toBe(`survey:${survey.resolutionId}:ces:6`);
    expect(rows[0].description).toBe("Pas du tout d'accord");
    expect(rows[6].description).toBe("Tout à fait d'accord");
  });

  it("is refused free text by the Cloud API 24 hours after the customer wrote (131047), not a template", async () => {
    fake.customerWrote("33611223344", new Date(Date.now() - 25 * 3_600_000));
    const text = await whatsappProvider.send(channel(), outbound("33611223344"), context);
    expect(text.ok).toBe(false);
    if (text.ok) return;
    expect(text.retryable).toBe(false);
    expect(text.reason).toContain("131047");
    expect(text.reason).toContain("more than 24 hours have passed");
    expect(fake.sent.filter((sent) => sent.to === "33611223344")).toHaveLength(0);

    const message = {
      text: "[enquete_satisfaction] (https://relais.example/s/srv_token)",
      visibility: "private",
      metadata: {
        template: {
          name: "enquete_satisfaction",
          language: "fr",
          variables: ["https://relais.example/s/srv_token"],
        },
      },
    } as unknown as Message;
    const template = await whatsappProvider.send(
      channel(),
      { ...outbound("33611223344"), message },
      context,
    );
    expect(template).toMatchObject({ ok: true, status: "sent" });
    expect(fake.sent.at(-1)?.type).toBe("template");

    // Once the customer writes again, the window is open for free text.
    fake.customerWrote("33611223344", new Date());
    const again = await whatsappProvider.send(channel(), outbound("33611223344"), context);
    expect(again).toMatchObject({ ok: true, status: "sent" });
  });
});
