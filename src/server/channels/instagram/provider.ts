import { PAGE_OPTIONS, ZGraphId, ZPageConfig, ZPageSecrets } from "../meta/config.ts";
import { metaPageProvider } from "../meta/pageProvider.ts";
import { instagramProfile } from "../meta/profile.ts";
import { commentItems } from "./comments.ts";

export const ZInstagramConfig = ZPageConfig.extend({ igUserId: ZGraphId });
export const ZInstagramSecrets = ZPageSecrets;

const COMMENT_FIELDS = new Set(["comments", "live_comments"]);

/**
 * Instagram (API with Facebook Login): direct messages (private) and comments on the brand's
 * media (public), with the token of the Page linked to the professional account. What it
 * shares with Facebook is in `meta/pageProvider.ts`; here is only what is Instagram's own.
 */
export const instagramProvider = metaPageProvider({
  kind: "instagram",
  network: "Instagram",
  configSchema: ZInstagramConfig,
  cliOptions: [
    ...PAGE_OPTIONS,
    {
      flag: "--ig-user-id <id>",
      description: "the Instagram professional account id (IG user id)",
      into: "config",
      key: "igUserId",
      required: true,
    },
  ],
  envelopeObject: "instagram",
  // A comment's text: 2,200 characters (the Instagram caption and comment limit).
  publicReplyLimit: 2200,
  brandId: (config) => config.igUserId,
  changeItems: (change, igUserId, time) =>
    COMMENT_FIELDS.has(change.field) ? commentItems(change.value, igUserId, time) : [],
  // Instagram's read events name the message read.
  watermarkReceipts: false,
  // Replies can only be made to top-level comments: answer under the thread's root.
  publicReplyEdge: "replies",
  privateReplyRecipient: (target) => ({ comment_id: target.id }),
  profile: instagramProfile,
  privateOnly: "An Instagram direct conversation can only be answered privately.",
});
