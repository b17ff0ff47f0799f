import { channelCreator } from "../../src/server/commands/channelCreator.ts";
import type { Services } from "../../src/server/services.ts";
import { startBlueskySearchFake } from "../fakes/blueskySearch.ts";
import { startMastodonSearchFake } from "../fakes/mastodonSearch.ts";
import { startXSearchFake } from "../fakes/xSearch.ts";

/** The three networks' search fakes, started once per test file. */
export async function startSearchFakes() {
  const [x, mastodon, bluesky] = await Promise.all([
    startXSearchFake(),
    startMastodonSearchFake({ accessToken: "mastodon-token" }),
    startBlueskySearchFake({ handle: "brand.bsky.test", appPassword: "app-pass" }),
  ]);
  return {
    x,
    mastodon,
    bluesky,
    close: async () => {
      await Promise.all([x.close(), mastodon.close(), bluesky.close()]);
    },
  };
}
export type SearchFakes = Awaited<ReturnType<typeof startSearchFakes>>;

/** An X, a Mastodon and a Bluesky channel of the account, pointed at the fakes, not polling. */
export async function createSocialChannels(
  services: Services,
  accountId: string,
  fakes: SearchFakes,
) {
  const create = (kind: "x" | "mastodon" | "bluesky", config: object, secrets: object) =>
    channelCreator(services.db, services.secrets, {
      accountId,
      kind,
      name: `Brand on ${kind}`,
      config,
      secrets,
    });
  const x = await create(
    "x",
    { userId: "999000", apiUrl: fakes.x.url },
    {
      consumerKey: "ck",
      consumerSecret: "cs",
      accessToken: "999000-at",
      accessTokenSecret: "ats",
    },
  );
  const mastodon = await create(
    "mastodon",
    { instanceUrl: fakes.mastodon.url, pollSeconds: 0, streaming: false },
    { accessToken: "mastodon-token" },
  );
  const bluesky = await create(
    "bluesky",
    { handle: "brand.bsky.test", serviceUrl: fakes.bluesky.url, pollSeconds: 0 },
    { appPassword: "app-pass" },
  );
  return { x, mastodon, bluesky };
}
