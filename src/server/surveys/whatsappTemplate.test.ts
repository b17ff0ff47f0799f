import { beforeEach, describe, expect, it } from "vitest";
import { metaFixture } from "../../../test/fakes/graph.ts";
import type { startWhatsAppFake } from "../../../test/fakes/whatsapp.ts";
import type { TestRelais } from "../../../test/support/socialHarness.ts";
import { waitFor } from "../../../test/support/wait.ts";
import { useWhatsApp, WA_ID } from "../../../test/support/whatsappHarness.ts";
import { DEFAULT_SURVEY_SETTINGS } from "../../shared/surveys.ts";

const ACCESS_TOKEN = "EAAJB0WhatsAppSurveyTemplateToken";
const APP_SECRET = "7e6d5c4b3a2918070f6e5d4c3b2a1908";

describe("surveys on WhatsApp once the 24-hour window has closed", { timeout: 120_000 }, () => {
  const running = useWhatsApp({
    accessToken: ACCESS_TOKEN,
    appSecret: APP_SECRET,
    verifyToken: "verify-survey",
  });
  let relais: TestRelais;
  let fake: Awaited<ReturnType<typeof startWhatsAppFake>>;
  beforeEach(() => {
    relais = running.relais();
    fake = running.fake();
  });

  /** A French customer who wrote 25 hours ago, the survey settings given, the conversation resolved. */
  async function resolvedAfterTheWindow(settings: Record<string, unknown>) {
    const channel = await running.channel();
    const wrote = new Date(Date.now() - 25 * 3_600_000);
    const payload = metaFixture("whatsapp-message-text");
    payload.entry[0].changes[0].value.messages[0].timestamp = String(
      Math.floor(wrote.getTime() / 1000),
    );
    expect((await channel.hook(payload)).status).toBe(200);
    fake.customerWrote(WA_ID, wrote);
    const saved = await channel.api.put("/api/v1/surveys/settings", {
      ...DEFAULT_SURVEY_SETTINGS,
      enabled: true,
      ...settings,
    });
    expect(saved.status).toBe(200);
    const conversation = await channel.firstConversation();
    const resolved = await channel.api.patch(`/api/v1/conversations/${conversation.id}`, {
      status: "resolved",
    });
    expect(resolved.status).toBe(200);
    const resolution = () =>
      waitFor(
        async () => {
          const row = await relais.services.db
            .selectFrom("resolutions")
            .selectAll()
            .where("account_id", "=", channel.account.id)
            .executeTakeFirst();
          return row && row.survey_status !== "pending" ? row : null;
        },
        { message: "the survey asked or skipped" },
      );
    return { ...channel, conversation, resolution };
  }

  it("asks with the approved template of the customer's language, the survey link as its parameter", async () => {
    const c = await resolvedAfterTheWindow({
      whatsappTemplate: {
        fr: { name: "enquete_satisfaction", language: "fr" },
        en: { name: "satisfaction_survey", language: "en_US" },
      },
    });
    const resolution = await c.resolution();
    expect(resolution).toMatchObject({ survey_status: "sent", survey_language: "fr" });
    const message = await c.delivered(c.conversation.id, resolution.message_id as string, "sent");
    expect(message.text).toContain("/s/srv_");

    const [sent] = fake.sent;
    expect(fake.sent).toHaveLength(1);
    const link = message.text.match(/https?:\/\/\S+\/s\/srv_\S+/)?.[0];
    expect(link).toBeDefined();
    expect(sent?.body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: WA_ID,
      type: "template",
      template: {
        name: "enquete_satisfaction",
        language: { code: "fr" },
        components: [{ type: "body", parameters: [{ type: "text", text: link }] }],
      },
    });
  });

  it("records why it did not ask when no template is set, and sends nothing", async () => {
    const c = await resolvedAfterTheWindow({});
    const resolution = await c.resolution();
    expect(resolution.survey_status).toBe("skipped");
    expect(resolution.survey_reason).toContain("24 hours");
    expect(resolution.survey_reason).toContain(
      "No approved survey template is set for fr (survey settings, whatsappTemplate).",
    );
    expect(fake.calls.filter((call) => call.method === "POST")).toHaveLength(0);
  });
});
