import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invalidRequest, startXFake } from "../../../../test/fakes/x.ts";
import { createAccount, createUser } from "../../../../test/support/factories.ts";
import { apiClient } from "../../../../test/support/http.ts";
import { closeServices, startTestRelais, testServices } from "../../../../test/support/relais.ts";
import { runRelaisCli } from "../../../../test/support/socialHarness.ts";
import { channelCreator } from "../../commands/channelCreator.ts";
import { webhookRegistrar } from "../../commands/webhookRegistrar.ts";
import { isAppError } from "../../errors.ts";

const SECRETS = {
  consumerKey: "xvz1evFS4wEEPTGEFPHBog",
  consumerSecret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
  accessToken: "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
  accessTokenSecret: "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
};
const BRAND = "370773112";

/**
 * Registering an X channel's Account Activity webhook without manual steps, against the X API
 * fake: an app-only Bearer token, `GET`/`POST /2/webhooks` (X checks the URL with a CRC that
 * Relais answers), the OAuth 1.0a subscription of the brand account; idempotent; X's refusals
 * shown with their reason.
 */
describe("X webhook registration", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let x: Awaited<ReturnType<typeof startXFake>>;

  beforeAll(async () => {
    relais = await startTestRelais();
    x = await startXFake(SECRETS);
  });
  afterAll(async () => {
    await relais?.stop();
    await x?.close();
  });

  async function setup(secrets = SECRETS) {
    const { account, token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const created = await api.post("/api/v1/channels", {
      kind: "x",
      name: "@MaisonLumiere",
      config: { userId: BRAND, apiUrl: x.url },
      secrets,
    });
    expect(created.status).toBe(201);
    const channelId: string = created.body.data.id;
    const register = () => api.post(`/api/v1/channels/${channelId}/webhook-registration`);
    const hookUrl = `${relais.services.env.RELAIS_PUBLIC_URL}/hooks/${channelId}`;
    const storedConfig = async () =>
      (
        await relais.services.db
          .selectFrom("channels")
          .select("config")
          .where("account_id", "=", account.id)
          .where("id", "=", channelId)
          .executeTakeFirstOrThrow()
      ).config;
    return { account, api, channelId, register, hookUrl, storedConfig };
  }

  /** The requests X received since `from`: method, path and how they were authenticated. */
  const received = (from: number) =>
    x.requests.slice(from).map((request) => {
      const auth = String(request.headers.authorization ?? "").split(" ")[0];
      return `${request.method} ${new URL(request.url, x.url).pathname} ${auth}`;
    });

  it("registers the webhook, which X checks with a CRC, subscribes the account and keeps the id", async () => {
    const ctx = await setup();
    const from = x.requests.length;
    const answer = await ctx.register();
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const webhook = x.webhooks.list.find((candidate) => candidate.url === ctx.hookUrl);
    expect(webhook?.valid).toBe(true);
    expect(answer.body.data).toMatchObject({
      webhookId: webhook?.id,
      url: ctx.hookUrl,
      reused: false,
      subscribed: true,
    });
    expect(answer.body.data.channel.config.webhookId).toBe(webhook?.id);
    expect((await ctx.storedConfig()).webhookId).toBe(webhook?.id);

    const subscriptions = `/2/account_activity/webhooks/${webhook?.id}/subscriptions/all`;
    expect(received(from)).toEqual([
      "POST /oauth2/token Basic",
      "GET /2/webhooks Bearer",
      "POST /2/webhooks Bearer",
      `GET ${subscriptions} OAuth`,
      `POST ${subscriptions} OAuth`,
    ]);
    const tokenRequest = x.requests[from]!;
    expect(tokenRequest.body).toBe("grant_type=client_credentials");
    expect(x.requests[from + 2]!.json).toEqual({ url: ctx.hookUrl });
    // The subscription is signed as the brand account (the fake recomputes the signature).
    const subscribe = String(x.requests[from + 4]!.headers.authorization);
    expect(subscribe).toContain(`oauth_token="${encodeURIComponent(SECRETS.accessToken)}"`);
    expect(subscribe).toMatch(/oauth_signature="[^"]+"/);
    expect(x.webhooks.subscribed.get(webhook!.id)?.has(SECRETS.accessToken)).toBe(true);
    expect(x.webhooks.crcChecks).toContainEqual({ url: ctx.hookUrl, passed: true });
  });

  it("is idempotent: a second registration reuses the webhook and the subscription", async () => {
    const ctx = await setup();
    const first = await ctx.register();
    expect(first.status).toBe(200);
    const from = x.requests.length;
    const second = await ctx.register();
    expect(second.status).toBe(200);
    expect(second.body.data).toMatchObject({
      webhookId: first.body.data.webhookId,
      reused: true,
      subscribed: false,
    });
    expect(received(from).filter((line) => line.startsWith("POST /2/"))).toEqual([]);
    expect(x.webhooks.list.filter((webhook) => webhook.url === ctx.hookUrl)).toHaveLength(1);
  });

  it("reuses a webhook registered earlier for this URL and has X check it again when invalid", async () => {
    const ctx = await setup();
    const existing = x.webhooks.seed(ctx.hookUrl, false);
    const from = x.requests.length;
    const answer = await ctx.register();
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.data).toMatchObject({ webhookId: existing, reused: true });
    expect(received(from)).toContain(`PUT /2/webhooks/${existing} Bearer`);
    expect(received(from)).not.toContain("POST /2/webhooks Bearer");
    expect(x.webhooks.list.find((webhook) => webhook.id === existing)?.valid).toBe(true);
    expect((await ctx.storedConfig()).webhookId).toBe(existing);
  });

  it("shows X's refusal with its reason, and keeps nothing", async () => {
    const ctx = await setup();
    x.failNext(
      /^\/2\/webhooks$/,
      invalidRequest("WebhookLimitExceeded: the application has reached its webhook limit."),
    );
    const refused = await ctx.register();
    expect(refused.status).toBe(422);
    expect(refused.body.error.id).toBe("webhook_registration_failed");
    expect(refused.body.error.message).toContain("X refused to register the webhook");
    expect(refused.body.error.message).toContain("WebhookLimitExceeded");
    expect((await ctx.storedConfig()).webhookId).toBeUndefined();

    // A webhook X cannot reach correctly (here, a disabled channel answers 404) fails its CRC.
    await ctx.api.patch(`/api/v1/channels/${ctx.channelId}`, { disabled: true });
    const crc = await ctx.register();
    expect(crc.status).toBe(422);
    expect(crc.body.error.message).toContain("CrcValidationFailed");
    expect(x.webhooks.list.some((webhook) => webhook.url === ctx.hookUrl)).toBe(false);
  });

  it("says when X refuses the app's credentials", async () => {
    const ctx = await setup({ ...SECRETS, consumerSecret: "not-the-app-secret" });
    const refused = await ctx.register();
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain("app-only Bearer token");
    expect(refused.body.error.message).toContain("Unable to verify your credentials");
  });

  it("is for admins only", async () => {
    const ctx = await setup();
    const agent = await createUser(relais.services, ctx.account.id, "agent");
    const answer = await apiClient(relais.url, agent.token).post(
      `/api/v1/channels/${ctx.channelId}/webhook-registration`,
    );
    expect(answer.status).toBe(403);
    expect(x.webhooks.list.some((webhook) => webhook.url === ctx.hookUrl)).toBe(false);
  });

  it("needs Relais's public address, and calls nothing without it", async () => {
    const services = await testServices();
    try {
      expect(services.env.RELAIS_PUBLIC_URL).toBeUndefined();
      const { account } = await createAccount(services);
      const channel = await channelCreator(services.db, services.secrets, {
        accountId: account.id,
        kind: "x",
        name: "@MaisonLumiere",
        config: { userId: BRAND, apiUrl: x.url },
        secrets: SECRETS,
      });
      const from = x.requests.length;
      const error = await webhookRegistrar(services, {
        accountId: account.id,
        channelId: channel.id,
      }).catch((caught: unknown) => caught);
      expect(isAppError(error) && error.id).toBe("public_url_missing");
      expect(x.requests.length).toBe(from);
    } finally {
      await closeServices(services);
    }
  });

  it("relais channel add x --register-webhook registers it and prints the id with the usual fields", async () => {
    const { account } = await createAccount(relais.services);
    const flags =
      `--user-id ${BRAND} --consumer-key ${SECRETS.consumerKey} ` +
      `--consumer-secret ${SECRETS.consumerSecret} --access-token ${SECRETS.accessToken} ` +
      `--access-token-secret ${SECRETS.accessTokenSecret} --api-url ${x.url}`;
    const args = [...`channel add x --account ${account.slug}`.split(" "), ...flags.split(" ")];
    const result = await runRelaisCli(relais.services.env, [...args, "--register-webhook"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(Object.keys(printed)).toEqual([
      "id",
      "kind",
      "name",
      "webhookUrl",
      "webhookRegistration",
    ]);
    expect(printed.webhookUrl).toBe(`${relais.services.env.RELAIS_PUBLIC_URL}/hooks/${printed.id}`);
    const webhook = x.webhooks.list.find((candidate) => candidate.url === printed.webhookUrl);
    expect(printed.webhookRegistration).toMatchObject({ webhookId: webhook?.id, subscribed: true });
    const row = await relais.services.db
      .selectFrom("channels")
      .select("config")
      .where("account_id", "=", account.id)
      .where("id", "=", printed.id)
      .executeTakeFirstOrThrow();
    expect(row.config.webhookId).toBe(webhook?.id);

    // Refused by X: the channel is still created and printed, the reason said, exit code 1.
    x.failNext(/^\/2\/webhooks$/, invalidRequest("UrlValidationFailed: the URL must use https."));
    const refused = await runRelaisCli(relais.services.env, [...args, "--register-webhook"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("UrlValidationFailed");
    const kept = JSON.parse(refused.stdout);
    expect(kept.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(kept.webhookRegistration.error).toContain("UrlValidationFailed");
  }, 120_000);
});
