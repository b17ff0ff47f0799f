import { PAGE_OPTIONS, ZPageConfig, ZPageSecrets } from "../meta/config.ts";
import { metaPageProvider } from "../meta/pageProvider.ts";
import { messengerProfile } from "../meta/profile.ts";
import { feedItems } from "./feed.ts";

export const ZFacebookConfig = ZPageConfig;
export const ZFacebookSecrets = ZPageSecrets;

/**
 * Facebook: Messenger conversations (private) and comments on the Page's posts (public), on
 * the Messenger Platform and the Pages API, through one Page's webhooks. What it shares with
 * Instagram is in `meta/pageProvider.ts`; here is only what is Facebook's own.
 */
export const facebookProvider = metaPageProvider({
  kind: "facebook",
  network: "Messenger",
  configSchema: ZFacebookConfig,
  cliOptions: PAGE_OPTIONS,
  envelopeObject: "page",
  // A comment's message: 8,000 characters.
  publicReplyLimit: 8000,
  brandId: (config) => config.pageId,
  changeItems: (change, pageId, time) =>
    change.field === "feed" ? feedItems(change.value, pageId, time) : [],
  // Messenger's read receipts carry only a watermark: what was sent to whom, and when, is kept.
  watermarkReceipts: true,
  // Pages API: a reply in the thread, under the customer's top-level comment.
  publicReplyEdge: "comments",
  privateReplyRecipient: (target) =>
    target.item === "post" ? { post_id: target.id } : { comment_id: target.id },
  profile: messengerProfile,
  privateOnly: "A Messenger conversation can only be answered privately.",
});
