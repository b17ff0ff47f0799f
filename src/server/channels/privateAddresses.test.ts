import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeServer } from "../../../test/support/fakeServer.ts";
import type { Channel, Conversation, Identity, Message } from "../db/schema.ts";
import type { OutboundMessage, SendContext, SendResult } from "./provider.ts";
import { providerFor } from "./registry.ts";
import { shopifyGraphql } from "./shopify/graphql.ts";

/**
 * The base URLs an admin types for a social network — X's API, a Mastodon instance, a Bluesky
 * service, Meta's Graph address, a Shopify shop — are checked when Relais calls them, as an API channel's
 * callback is: with RELAIS_OUTBOUND_ALLOW_PRIVATE off, a private, loopback or link-local address
 * (the cloud's metadata service at 169.254.169.254) is refused and nothing is sent there.
 */

const PRIVATE_BASES = ["http://169.254.169.254", "http://10.0.0.1"];

interface Case {
  kind: string;
  /** The channel's settings with its admin-typed base URL set to `base`. */
  config(base: string): Record<string, unknown>;
  secrets: Record<string, unknown>;
  outbound(): OutboundMessage;
}

const now = () => new Date();
const message = (visibility: "public" | "private") =>
  ({ id: "m-1", text: "Votre colis part demain.", visibility, metadata: {} }) as unknown as Message;
const publicInbound = () =>
  ({
    visibility: "public",
    external_id: "1234567890_111",
    in_reply_to_external_id: null,
    metadata: {},
    created_at: now(),
  }) as unknown as Message;
const recipient = (value: string) => ({ kind: "x", value }) as unknown as Identity;
const conversation = () =>
  ({ visibility: "private", last_inbound_at: now() }) as unknown as Conversation;

const META_SECRETS = { appSecret: "0f1e2d3c4b5a6978", verifyToken: "verify-me-please" };

const cases: Case[] = [
  {
    kind: "x",
    config: (base) => ({ userId: "370773112", apiUrl: base }),
    secrets: {
      consumerKey: "ck",
      consumerSecret: "cs",
      accessToken: "370773112-at",
      accessTokenSecret: "ats",
    },
    outbound: () => ({
      message: message("private"),
      conversation: conversation(),
      recipient: recipient("1456789012"),
      inReplyTo: null,
    }),
  },
  {
    kind: "mastodon",
    config: (base) => ({ instanceUrl: base, pollSeconds: 0 }),
    secrets: { accessToken: "mastodon-token" },
    outbound: () => ({
      message: message("private"),
      conversation: conversation(),
      recipient: recipient("lea@piaille.fr"),
      inReplyTo: null,
    }),
  },
  {
    kind: "bluesky",
    config: (base) => ({ handle: "maisonlumiere.bsky.social", serviceUrl: base, pollSeconds: 0 }),
    secrets: { appPassword: "abcd-efgh-ijkl-mnop" },
    outbound: () => ({
      message: message("private"),
      conversation: conversation(),
      recipient: recipient("did:plc:ewvi7nxzyoun6zhxrhs64oiz"),
      inReplyTo: null,
    }),
  },
  {
    kind: "facebook",
    config: (base) => ({ pageId: "1234567890", graphUrl: base }),
    secrets: { ...META_SECRETS, pageToken: "EAAGpageTokenForTests" },
    outbound: () => ({
      message: message("public"),
      conversation: { ...conversation(), visibility: "public" } as Conversation,
      recipient: recipient("6543210987654321"),
      inReplyTo: publicInbound(),
    }),
  },
  {
    kind: "instagram",
    config: (base) => ({ pageId: "1234567890", igUserId: "17841400000000000", graphUrl: base }),
    secrets: { ...META_SECRETS, pageToken: "EAAGpageTokenForTests" },
    outbound: () => ({
      message: message("public"),
      conversation: { ...conversation(), visibility: "public" } as Conversation,
      recipient: recipient("17841411111111111"),
      inReplyTo: publicInbound(),
    }),
  },
  {
    kind: "whatsapp",
    config: (base) => ({ phoneNumberId: "106540352242922", graphUrl: base }),
    secrets: { ...META_SECRETS, accessToken: "EAAJB0WhatsAppSendToken" },
    outbound: () => ({
      message: message("private"),
      conversation: conversation(),
      recipient: recipient("33612345678"),
      inReplyTo: null,
    }),
  },
];

function send(test: Case, base: string, allowPrivateAddresses: boolean): Promise<SendResult> {
  const provider = providerFor(test.kind);
  const channel = {
    row: { id: "c-1", account_id: "a-1", state: {} } as unknown as Channel,
    config: provider.configSchema.parse(test.config(base)),
    secrets: provider.secretsSchema.parse(test.secrets),
  };
  const context: SendContext = {
    timeoutMs: 2000,
    allowPrivateAddresses,
    saveState: async () => {},
  };
  return provider.send(channel, test.outbound(), context);
}

describe("admin-typed provider base URLs refused at send time when private", () => {
  let fake: Awaited<ReturnType<typeof startFakeServer>>;
  beforeAll(async () => {
    fake = await startFakeServer(() => ({ status: 500, body: { error: "fake" } }));
  });
  afterAll(async () => {
    await fake?.close();
  });
  /** The fake by name: `localhost` resolves to loopback only as the call connects. */
  const byName = () => `http://localhost:${new URL(fake.url).port}`;

  for (const test of cases) {
    it(`${test.kind}: refuses 169.254.169.254 and 10.0.0.1, for good`, async () => {
      for (const base of PRIVATE_BASES) {
        const result = await send(test, base, false);
        expect(result).toMatchObject({ ok: false, retryable: false });
        expect(result.ok ? "" : result.reason).toMatch(/private or local address/);
      }
    });

    it(`${test.kind}: refuses a name that resolves to loopback, sending nothing; allowed, it calls`, async () => {
      const before = fake.requests.length;
      const refused = await send(test, byName(), false);
      expect(refused).toMatchObject({ ok: false, retryable: false });
      expect(refused.ok ? "" : refused.reason).toMatch(/localhost resolves to .*private or local/);
      expect(fake.requests.length).toBe(before);
      // The same channel with private addresses allowed reaches the fake: the check refused it.
      await send(test, byName(), true);
      expect(fake.requests.length).toBeGreaterThan(before);
    });
  }

  it("shopify: refuses a private shop URL for good, and calls it once allowed", async () => {
    const channel = (shopUrl: string) => {
      const provider = providerFor("shopify");
      return {
        row: { id: "c-2", account_id: "a-1", state: {} } as unknown as Channel,
        config: provider.configSchema.parse({ shopUrl }),
        secrets: provider.secretsSchema.parse({ accessToken: "shpat_test", apiSecret: "secret" }),
      } as Parameters<typeof shopifyGraphql>[0];
    };
    const off = { timeoutMs: 2000, allowPrivateAddresses: false };
    for (const base of [...PRIVATE_BASES, byName()]) {
      await expect(
        shopifyGraphql(channel(base), "{ shop { name } }", {}, off),
      ).rejects.toMatchObject({ failure: "refused", message: expect.stringMatching(/private/) });
    }
    const before = fake.requests.length;
    await shopifyGraphql(
      channel(byName()),
      "{ shop { name } }",
      {},
      {
        ...off,
        allowPrivateAddresses: true,
      },
    ).catch(() => null);
    expect(fake.requests.length).toBe(before + 1);
  });
});
