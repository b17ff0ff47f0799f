import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphError } from "../../../../test/fakes/graph.ts";
import { startWhatsAppFake } from "../../../../test/fakes/whatsapp.ts";
import { createAccount } from "../../../../test/support/factories.ts";
import { apiClient } from "../../../../test/support/http.ts";
import { startTestRelais } from "../../../../test/support/relais.ts";
import { channelCreator } from "../../commands/channelCreator.ts";
import { countVariables } from "./templates.ts";

const PHONE_NUMBER_ID = "106540352242922";
const WABA_ID = "102290129340398";
const ACCESS_TOKEN = "EAAJB0WhatsAppTemplatesToken";
const APP_SECRET = "5e4d3c2b1a0f9e8d7c6b5a4938271605";

describe("GET /api/v1/channels/:id/templates", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let fake: Awaited<ReturnType<typeof startWhatsAppFake>>;

  beforeAll(async () => {
    relais = await startTestRelais();
    fake = await startWhatsAppFake({
      accessToken: ACCESS_TOKEN,
      appSecret: APP_SECRET,
      phoneNumberId: PHONE_NUMBER_ID,
      wabaId: WABA_ID,
    });
  });
  afterAll(async () => {
    await relais?.stop();
    await fake?.close();
  });

  async function whatsappChannel(accountId: string, config: Record<string, unknown> = {}) {
    return channelCreator(relais.services.db, relais.services.secrets, {
      accountId,
      kind: "whatsapp",
      name: "WhatsApp",
      config: { phoneNumberId: PHONE_NUMBER_ID, wabaId: WABA_ID, graphUrl: fake.url, ...config },
      secrets: {
        accessToken: ACCESS_TOKEN,
        appSecret: APP_SECRET,
        verifyToken: "verify-templates",
      },
    });
  }

  it("lists the approved templates of the channel's WhatsApp Business Account", async () => {
    const { account, token } = await createAccount(relais.services, { role: "agent" });
    const channel = await whatsappChannel(account.id);
    const response = await apiClient(relais.url, token).get(
      `/api/v1/channels/${channel.id}/templates`,
    );
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([
      {
        name: "suivi_commande",
        language: "fr",
        status: "APPROVED",
        category: "UTILITY",
        variables: 2,
        body: "Bonjour {{1}}, nous revenons vers vous au sujet de la commande {{2}}. Pouvez-vous nous répondre ici ?",
      },
      {
        name: "order_follow_up",
        language: "en_US",
        status: "APPROVED",
        category: "UTILITY",
        variables: 2,
        body: "Hi {{1}}, we're following up on order {{2}}. Reply here and an agent will pick it up.",
      },
    ]);
    const call = fake.calls.find((c) => c.path === `${WABA_ID}/message_templates`)!;
    expect(call.method).toBe("GET");
    expect(call.token).toBe(ACCESS_TOKEN);
    expect(call.query.get("status")).toBe("APPROVED");
  });

  it("answers 404 for another account's channel", async () => {
    const owner = await createAccount(relais.services);
    const channel = await whatsappChannel(owner.account.id);
    const stranger = await createAccount(relais.services);
    const response = await apiClient(relais.url, stranger.token).get(
      `/api/v1/channels/${channel.id}/templates`,
    );
    expect(response.status).toBe(404);
    expect(response.body.error.id).toBe("not_found");
  });

  it("explains what is missing: a WABA id, or a channel without templates", async () => {
    const { account, token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const noWaba = await whatsappChannel(account.id, { wabaId: undefined });
    const missing = await api.get(`/api/v1/channels/${noWaba.id}/templates`);
    expect(missing.status).toBe(422);
    expect(missing.body.error.message).toContain("--waba-id");

    const facebook = await channelCreator(relais.services.db, relais.services.secrets, {
      accountId: account.id,
      kind: "facebook",
      name: "Page",
      config: { pageId: "104857600123456", graphUrl: fake.url },
      secrets: { pageToken: ACCESS_TOKEN, appSecret: APP_SECRET, verifyToken: "verify-templates" },
    });
    const unsupported = await api.get(`/api/v1/channels/${facebook.id}/templates`);
    expect(unsupported.status).toBe(422);
    expect(unsupported.body.error.id).toBe("templates_unsupported");
  });

  it("passes on Meta's error when the template list cannot be read", async () => {
    const { account, token } = await createAccount(relais.services);
    const channel = await whatsappChannel(account.id);
    fake.failNext(
      /message_templates$/,
      graphError(400, {
        message: "(#200) Permissions error",
        type: "OAuthException",
        code: 200,
      }),
    );
    const response = await apiClient(relais.url, token).get(
      `/api/v1/channels/${channel.id}/templates`,
    );
    expect(response.status).toBe(502);
    expect(response.body.error.message).toContain("(#200) Permissions error (code 200)");
  });

  it("counts positional and named variables once each", () => {
    expect(countVariables("Hi {{1}}, order {{2}} — {{1}} again")).toBe(2);
    expect(countVariables("Bonjour {{first_name}}, commande {{order_number}}")).toBe(2);
    expect(countVariables("Plain text")).toBe(0);
  });
});
