import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopifyFake } from "../../../../test/fakes/shopify.ts";
import { createAccount } from "../../../../test/support/factories.ts";
import { useTestRelais } from "../../../../test/support/useRelais.ts";
import { waitFor } from "../../../../test/support/wait.ts";
import { runOperation } from "../../admin/operations.ts";
import { webhookRegistrar } from "../../commands/webhookRegistrar.ts";
import { SHOPIFY_WEBHOOK_TOPICS } from "./webhookSubscriptions.ts";

const TOKEN = "shpat_registration_token";

/**
 * Adding a Shopify channel subscribes Relais's webhook URL to the five topics it reads, through
 * the GraphQL Admin API (faked at the HTTP boundary), without anyone doing it in the shop's admin;
 * again and again without a duplicate; a refusal kept with Shopify's reason.
 */
describe("Shopify webhook self-registration", { timeout: 180_000 }, () => {
  const relais = useTestRelais();
  let fake: Awaited<ReturnType<typeof startShopifyFake>>;
  beforeAll(async () => {
    fake = await startShopifyFake({ accessToken: TOKEN });
  });
  afterAll(async () => {
    await fake?.close();
  });

  const webhookState = (accountId: string, channelId: string) =>
    waitFor(
      async () => {
        const row = await relais()
          .services.db.selectFrom("channels")
          .select("state")
          .where("account_id", "=", accountId)
          .where("id", "=", channelId)
          .executeTakeFirstOrThrow();
        return (row.state as { webhooks?: Record<string, unknown> }).webhooks ?? null;
      },
      { timeoutMs: 60_000 },
    );

  const creations = () =>
    fake.requests.filter((request) => /webhookSubscriptionCreate\(/.test(request.json?.query));

  it("`channel add shopify` subscribes /hooks/<id> to the five topics once, however often it runs", async () => {
    const services = relais().services;
    const { account } = await createAccount(services);
    const added = (await runOperation(services, "channel.add", {
      kind: "shopify",
      account: account.slug,
      name: "Boutique Shopify",
      config: { shopUrl: fake.url },
      secrets: { accessToken: TOKEN, apiSecret: "app-secret" },
    })) as { id: string; webhookUrl: string };
    const hookUrl = `${services.env.RELAIS_PUBLIC_URL}/hooks/${added.id}`;
    expect(added.webhookUrl).toBe(hookUrl);

    const state = await webhookState(account.id, added.id);
    expect(state).toMatchObject({ status: "registered", url: hookUrl, error: null });
    const ours = fake.shop.webhooks.filter((hook) => hook.uri === hookUrl);
    expect(ours.map((hook) => hook.topic).sort()).toEqual([...SHOPIFY_WEBHOOK_TOPICS].sort());
    expect(ours.every((hook) => hook.format === "JSON")).toBe(true);
    const create = creations().at(-1);
    expect(create?.headers["x-shopify-access-token"]).toBe(TOKEN);
    expect(create?.url).toBe("/admin/api/2026-04/graphql.json");
    expect(create?.json.variables.webhookSubscription).toEqual({ uri: hookUrl, format: "JSON" });

    // Registering again (a retried job, `--register-webhook`) creates nothing.
    const before = creations().length;
    const again = await webhookRegistrar(services, { accountId: account.id, channelId: added.id });
    expect(again.registration).toMatchObject({ reused: true, subscribed: false, url: hookUrl });
    expect(again.registration.webhookId.split(",")).toHaveLength(5);
    expect(creations().length).toBe(before);

    // One subscription lost on Shopify's side (deleted in the admin): only it is created again.
    const lost = fake.shop.webhooks.findIndex(
      (hook) => hook.uri === hookUrl && hook.topic === "INVENTORY_LEVELS_UPDATE",
    );
    fake.shop.webhooks.splice(lost, 1);
    const repaired = await webhookRegistrar(services, {
      accountId: account.id,
      channelId: added.id,
    });
    expect(repaired.registration).toMatchObject({ reused: false, subscribed: true });
    expect(
      creations()
        .slice(before)
        .map((request) => request.json.variables.topic),
    ).toEqual(["INVENTORY_LEVELS_UPDATE"]);
    expect(fake.shop.webhooks.filter((hook) => hook.uri === hookUrl)).toHaveLength(5);
  });

  it("a token Shopify refuses leaves the channel with the reason and no subscription", async () => {
    const services = relais().services;
    const { account } = await createAccount(services);
    const added = (await runOperation(services, "channel.add", {
      kind: "shopify",
      account: account.slug,
      name: "Mauvais jeton",
      config: { shopUrl: fake.url },
      secrets: { accessToken: "shpat_wrong", apiSecret: "app-secret" },
    })) as { id: string };
    const state = await webhookState(account.id, added.id);
    expect(state.status).toBe("failed");
    expect(String(state.error)).toContain("Shopify refused to list its webhook subscriptions");
    expect(String(state.error)).toContain("401");
    expect(fake.shop.webhooks.some((hook) => hook.uri.endsWith(`/hooks/${added.id}`))).toBe(false);
  });
});
