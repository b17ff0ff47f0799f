import { logItem, postItem } from "../../channels/bluesky/parse.ts";
import { mentionItem } from "../../channels/mastodon/parse.ts";
import type { InboundItem } from "../../channels/provider.ts";
import { resolveChannel } from "../../channels/resolve.ts";
import { channelCreator } from "../../commands/channelCreator.ts";
import { inboundIngester } from "../../commands/inboundIngester.ts";
import { randomSecret } from "../../crypto/tokens.ts";
import type { Channel } from "../../db/schema.ts";
import type { Services } from "../../services.ts";
import { addAgentTurn } from "./api.ts";
import { DEMO_SANDBOX_URL, type DemoSection } from "./context.ts";

const X_BRAND_ID = "1498732165400123392";
const BSKY_BRAND_DID = "did:plc:ml7demo4lumiere2xq5k3vwz";
const MASTODON_URL = "https://mastodon.social";

/**
 * X, Mastodon and Bluesky: a public X mention thread answered in public, a Mastodon mention, a
 * Bluesky reply, and one private message on each. Customers' messages are provider-shaped
 * payloads read by each provider's own parser, then stored by the ingester, as if from the
 * real networks (their customers are on mastodon.social, bsky.social); the channels themselves
 * point at the demo sandbox (DEMO_SANDBOX_URL) with polling and streaming off.
 */
export const socialOpenDemo: DemoSection = {
  name: "X, Mastodon, Bluesky",
  async run(services, context) {
    const x = await channelCreator(services.db, services.secrets, {
      accountId: context.accountId,
      kind: "x",
      name: "@MaisonLumiere",
      config: { userId: X_BRAND_ID, apiUrl: DEMO_SANDBOX_URL },
      secrets: {
        consumerKey: `demo-${randomSecret(12)}`,
        consumerSecret: `demo-${randomSecret()}`,
        accessToken: `${X_BRAND_ID}-demo${randomSecret(16)}`,
        accessTokenSecret: `demo-${randomSecret()}`,
      },
    });
    const mastodon = await channelCreator(services.db, services.secrets, {
      accountId: context.accountId,
      kind: "mastodon",
      name: "@maisonlumiere@mastodon.social",
      config: { instanceUrl: DEMO_SANDBOX_URL, pollSeconds: 0, streaming: false },
      secrets: { accessToken: `demo-${randomSecret()}` },
    });
    const bluesky = await channelCreator(services.db, services.secrets, {
      accountId: context.accountId,
      kind: "bluesky",
      name: "@maisonlumiere.bsky.social",
      config: {
        handle: "maisonlumiere.bsky.social",
        serviceUrl: DEMO_SANDBOX_URL,
        pollSeconds: 0,
      },
      secrets: { appPassword: "demo-demo-demo-demo" },
    });
    let conversations = 0;

    // X: a public complaint and its follow-up in the thread, answered in public.
    const karim = xUser("1302847561", "Karim Benali", "karimbnl", 18_400);
    const thread = await store(
      services,
      x,
      parseX(services, x, {
        for_user_id: X_BRAND_ID,
        tweet_create_events: [
          tweet(
            karim,
            "1859001122334455001",
            context.ago(55),
            null,
            "@MaisonLumiere 3 semaines que j'attends ma suspension Orion (CMD-50311) et toujours aucune nouvelle. Sérieusement ?",
          ),
          tweet(
            karim,
            "1859001122334455002",
            context.ago(52),
            "1859001122334455001",
            "Et le suivi Colissimo indique « en préparation » depuis le 2. Personne ne répond au téléphone.",
          ),
        ],
      }),
    );
    if (thread) {
      conversations += 1;
      await addAgentTurn(services, context, {
        conversationId: thread,
        channelId: x.id,
        turn: {
          from: "agent",
          agent: "camille",
          text: "Bonjour Karim, toutes nos excuses pour cette attente. Nous vérifions votre commande avec le transporteur et revenons vers vous très vite.",
        },
        at: context.ago(40),
        visibility: "public",
      });
    }
    const dm = await store(
      services,
      x,
      parseX(services, x, {
        for_user_id: X_BRAND_ID,
        direct_message_events: [
          {
            type: "message_create",
            id: "1859001122334455100",
            created_timestamp: String(context.ago(25).getTime()),
            message_create: {
              target: { recipient_id: X_BRAND_ID },
              sender_id: "1588220143",
              message_data: {
                text: "Hi! Do you ship the Aurora lamp to Canada? I'd need it before Dec 15 for a gift.",
              },
            },
          },
        ],
        users: {
          "1588220143": {
            id: "1588220143",
            name: "Megan O'Connor",
            screen_name: "megoconnor",
            followers_count: 642,
            profile_image_url_https:
              "https://pbs.twimg.com/profile_images/1588220143/megan_normal.jpg",
          },
        },
      }),
    );
    if (dm) conversations += 1;

    // Mastodon: a public mention with a photo, and a direct status.
    const lea = mastodonAccount("lea", "piaille.fr", "Léa Garnier", 1_830);
    const mastodonItems = [
      mentionItem(
        status(
          lea,
          "111402933847123001",
          context.ago(95),
          "public",
          '<p><span class="h-card"><a href="https://mastodon.social/@maisonlumiere" class="u-url mention">@<span>maisonlumiere</span></a></span> ma lampe de chevet clignote dès que je branche le variateur, c\'est normal ? 🤔</p>',
          ["https://files.piaille.fr/media_attachments/files/111/402/933/original/lampe.jpg"],
        ),
        { instanceUrl: MASTODON_URL, threadId: "111402933847123001" },
      ),
      mentionItem(
        status(
          mastodonAccount("tom", "fosstodon.org", "Tom Hughes", 4_210),
          "111402933847123050",
          context.ago(20),
          "direct",
          '<p><span class="h-card"><a href="https://mastodon.social/@maisonlumiere" class="u-url mention">@<span>maisonlumiere</span></a></span> quick one: is the Orion pendant compatible with Philips Hue bulbs? Thanks!</p>',
        ),
        { instanceUrl: MASTODON_URL, threadId: null },
      ),
    ];
    for (const item of mastodonItems)
      if (await store(services, mastodon, [item])) conversations += 1;

    // Bluesky: a reply under the brand's post, and a chat message.
    const brandPost = {
      uri: `at://${BSKY_BRAND_DID}/app.bsky.feed.post/3lbxdemo2k22a`,
      cid: "bafyreidemoaurorapost2k22a",
    };
    const noah = {
      did: "did:plc:noahdemo5petit7r2m4x",
      handle: "noahpetit.bsky.social",
      displayName: "Noah Petit",
      followersCount: 12_400,
    };
    const reply = postItem(
      {
        uri: `at://${noah.did}/app.bsky.feed.post/3lbxdemo7n55c`,
        cid: "bafyreidemonoahreply7n55c",
        author: noah,
        reason: "reply",
        indexedAt: context.ago(130).toISOString(),
        record: {
          $type: "app.bsky.feed.post",
          text: "Belle collection, mais ma commande du 28 n'est toujours pas expédiée… quelqu'un peut regarder ? (CMD-50422)",
          createdAt: context.ago(130).toISOString(),
          reply: { root: brandPost, parent: brandPost },
        },
      },
      noah,
    );
    const chat = logItem(
      {
        $type: "chat.bsky.convo.defs#logCreateMessage",
        convoId: "3lbxdemoconvo1",
        message: {
          $type: "chat.bsky.convo.defs#messageView",
          id: "3lbxdemomsg9q1",
          text: "Hello, I'd like to return the brass desk lamp I received yesterday, how do I get a return label?",
          sender: { did: "did:plc:priyademo3shah8k1" },
          sentAt: context.ago(12).toISOString(),
        },
      },
      BSKY_BRAND_DID,
      new Map([
        [
          "did:plc:priyademo3shah8k1",
          {
            did: "did:plc:priyademo3shah8k1",
            handle: "priyashah.bsky.social",
            displayName: "Priya Shah",
            followersCount: 356,
          },
        ],
      ]),
    );
    for (const item of [reply, chat])
      if (item && (await store(services, bluesky, [item]))) conversations += 1;
    return conversations;
  },
};

/** Reads an Account Activity delivery with the X provider's own parser. */
function parseX(services: Services, channel: Channel, payload: unknown): InboundItem[] {
  const { provider, channel: resolved } = resolveChannel(channel, services.secrets);
  const rawBody = Buffer.from(JSON.stringify(payload));
  return provider.parse(resolved, { method: "POST", headers: {}, query: {}, rawBody });
}

/** Stores the items; the conversation of the first stored message, if any. */
async function store(services: Services, channel: Channel, items: InboundItem[]) {
  const outcome = await inboundIngester(services.db, channel, items);
  const messageId = outcome.messageIds[0];
  if (!messageId) return null;
  const row = await services.db
    .selectFrom("messages")
    .select("conversation_id")
    .where("account_id", "=", channel.account_id)
    .where("id", "=", messageId)
    .executeTakeFirstOrThrow();
  return row.conversation_id;
}

function xUser(id: string, name: string, screenName: string, followers: number) {
  return {
    id_str: id,
    name,
    screen_name: screenName,
    followers_count: followers,
    profile_image_url_https: `https://pbs.twimg.com/profile_images/${id}/${screenName}_normal.jpg`,
  };
}

function tweet(
  user: ReturnType<typeof xUser>,
  id: string,
  at: Date,
  inReplyTo: string | null,
  text: string,
) {
  return {
    id_str: id,
    created_at: at.toUTCString(),
    timestamp_ms: String(at.getTime()),
    text,
    in_reply_to_status_id_str: inReplyTo,
    user,
  };
}

function mastodonAccount(username: string, domain: string, name: string, followers: number) {
  return {
    id: String(100_000 + followers),
    username,
    acct: `${username}@${domain}`,
    display_name: name,
    avatar: `https://${domain}/system/accounts/avatars/${username}.png`,
    followers_count: followers,
    url: `https://${domain}/@${username}`,
  };
}

function status(
  account: ReturnType<typeof mastodonAccount>,
  id: string,
  at: Date,
  visibility: "public" | "direct",
  content: string,
  media: string[] = [],
) {
  return {
    id,
    created_at: at.toISOString(),
    visibility,
    content,
    url: `${account.url}/${id}`,
    language: account.url.includes("piaille") ? "fr" : "en",
    account,
    media_attachments: media.map((url) => ({ type: "image", url })),
  };
}
