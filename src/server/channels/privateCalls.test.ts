import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeServer } from "../../../test/support/fakeServer.ts";
import type { Channel } from "../db/schema.ts";
import { MediaUnavailable } from "./media.ts";
import { startTwilioCall } from "./phone/twilio.ts";
import { providerFor } from "./registry.ts";
import { hasTemplateCatalog } from "./whatsapp/templates.ts";

/**
 * The outbound calls Relais makes beside sending (privateAddresses.test.ts covers the sends):
 * Meta profile lookups, media downloads (WhatsApp, Messenger, Instagram, X), WhatsApp's
 * template list and Twilio's Calls API. Each reaches a host an admin typed (`graphUrl`,
 * `apiUrl`) or one named by a provider's payload (a media link): with
 * RELAIS_OUTBOUND_ALLOW_PRIVATE off, a private, loopback or link-local address is refused and
 * nothing is sent there; allowed, the same call reaches the fake.
 */

const META_SECRETS = { appSecret: "0f1e2d3c4b5a6978", verifyToken: "verify-me-please" };
const X_SECRETS = {
  consumerKey: "ck",
  consumerSecret: "cs",
  accessToken: "370773112-at",
  accessTokenSecret: "ats",
};

function channelOf(kind: string, config: Record<string, unknown>, secrets: object) {
  const provider = providerFor(kind);
  return {
    provider,
    channel: {
      row: { id: "c-1", account_id: "a-1", kind, state: {} } as unknown as Channel,
      config: provider.configSchema.parse(config),
      secrets: provider.secretsSchema.parse(secrets),
    },
  };
}

const context = (allowPrivateAddresses: boolean) => ({
  timeoutMs: 2000,
  maxBytes: 1_000_000,
  allowPrivateAddresses,
});

/** One outbound call path, made against `base`; resolves or rejects with what it gave. */
interface Case {
  name: string;
  call(base: string, allowPrivateAddresses: boolean): Promise<unknown>;
  /** What a refused call gives: a value to match, or the error it rejects with. */
  refused: { resolves: unknown } | { rejects: unknown };
}

const cases: Case[] = [
  ...(["facebook", "instagram"] as const).map(
    (kind): Case => ({
      name: `${kind} profile lookup (graphUrl)`,
      call(base, allow) {
        const { provider, channel } = channelOf(
          kind,
          { pageId: "1234567890", igUserId: "17841400000000000", graphUrl: base },
          { ...META_SECRETS, pageToken: "EAAGpageTokenForTests" },
        );
        return provider.describeIdentity!(
          channel,
          { kind, value: "6543210987654321" },
          context(allow),
        );
      },
      // A refusal is permanent: the profile stays unknown rather than retried.
      refused: { resolves: null },
    }),
  ),
  ...(["facebook", "instagram"] as const).map(
    (kind): Case => ({
      name: `${kind} attachment download (a CDN link from the payload)`,
      call(base, allow) {
        const { provider, channel } = channelOf(
          kind,
          { pageId: "1234567890", igUserId: "17841400000000000" },
          { ...META_SECRETS, pageToken: "EAAGpageTokenForTests" },
        );
        const url = `${base}/v/t1.15752-9/photo.jpg?oh=00_AY&oe=6745A1B2`;
        return provider.fetchMedia!(channel, { url, contentType: "image/jpeg" }, context(allow));
      },
      refused: { rejects: expect.any(MediaUnavailable) },
    }),
  ),
  {
    name: "whatsapp media node and download (graphUrl)",
    call(base, allow) {
      const { provider, channel } = channelOf(
        "whatsapp",
        { phoneNumberId: "106540352242922", graphUrl: base },
        { ...META_SECRETS, accessToken: "EAAJB0WhatsAppSendToken" },
      );
      const url = `${base}/v25.0/1037543291543636`;
      return provider.fetchMedia!(channel, { url, contentType: "image/jpeg" }, context(allow));
    },
    refused: { rejects: expect.any(MediaUnavailable) },
  },
  {
    name: "x direct-message media download",
    call(base, allow) {
      const { provider, channel } = channelOf("x", { userId: "370773112" }, X_SECRETS);
      const url = `${base}/1.1/ton/data/dm/1453998993245446148/1453998984676290560/Ra8N2xRE.jpg`;
      return provider.fetchMedia!(channel, { url, contentType: "image/jpeg" }, context(allow));
    },
    refused: { rejects: expect.any(MediaUnavailable) },
  },
  {
    name: "whatsapp template list (graphUrl)",
    call(base, allow) {
      const { provider, channel } = channelOf(
        "whatsapp",
        { phoneNumberId: "106540352242922", wabaId: "102290129340398", graphUrl: base },
        { ...META_SECRETS, accessToken: "EAAJB0WhatsAppSendToken" },
      );
      if (!hasTemplateCatalog(provider)) throw new Error("WhatsApp lists templates");
      return provider.listTemplates(channel, context(allow));
    },
    refused: { rejects: expect.objectContaining({ message: expect.stringMatching(/private/) }) },
  },
  {
    name: "twilio call start (apiUrl)",
    call(base, allow) {
      const { channel } = channelOf(
        "phone",
        { accountSid: `AC${"0".repeat(32)}`, from: "+33170000000", apiUrl: base },
        { authToken: "twilio-auth-token" },
      );
      return startTwilioCall(
        channel as Parameters<typeof startTwilioCall>[0],
        { to: "+33612345678", twiml: "<Response/>", statusCallback: "https://relais.test/hooks/c" },
        context(allow),
      );
    },
    refused: { resolves: { ok: false, reason: expect.stringMatching(/private or local/) } },
  },
];

describe("outbound calls beside sends refuse private addresses unless allowed", () => {
  let fake: Awaited<ReturnType<typeof startFakeServer>>;
  beforeAll(async () => {
    fake = await startFakeServer(() => ({ status: 404, body: { error: "fake" } }));
  });
  afterAll(async () => {
    await fake?.close();
  });
  /** The fake by name: `localhost` resolves to loopback only as the call connects. */
  const byName = () => `http://localhost:${new URL(fake.url).port}`;

  for (const test of cases) {
    it(`${test.name}: refused for 169.254.169.254, 10.0.0.1 and a loopback name; allowed, it calls`, async () => {
      const before = fake.requests.length;
      for (const base of ["http://169.254.169.254", "http://10.0.0.1", byName()]) {
        const outcome = test.call(base, false);
        if ("resolves" in test.refused)
          await expect(outcome).resolves.toEqual(test.refused.resolves);
        else await expect(outcome).rejects.toEqual(test.refused.rejects);
      }
      expect(fake.requests.length).toBe(before);
      // The same call with private addresses allowed reaches the fake: the check refused it.
      await test.call(byName(), true).catch(() => null);
      expect(fake.requests.length).toBeGreaterThan(before);
    });
  }
});
