import { useState } from "react";
import type { Visibility } from "../../../shared/enums.ts";
import { useChannels } from "../../hooks/api/channels.ts";
import type { ConversationDetail } from "../../hooks/api/conversations.ts";
import { ApiError } from "../../lib/api.ts";
import type { ComposerMode } from "../../lib/drafts.ts";
import {
  lastInboundAt,
  type ReplyContext,
  type ReplyWindow,
  refusedWindow,
  replyWindow,
} from "../../lib/replyWindow.ts";
import { useNow } from "../../lib/useNow.ts";

/** The visibility of what the composer sends in `mode` (notes have no window). */
function visibilityOf(mode: ComposerMode, conversation: ConversationDetail): Visibility {
  if (mode === "private") return "private";
  return conversation.visibility;
}

/**
 * The conversation's reply window for the composer's mode, kept current (every 30 s and on every
 * new message). The server has the last word: once it refuses a reply as outside the window, the
 * window stays closed here until the customer writes again, whatever this browser's clock says.
 */
export function useReplyWindow(conversation: ConversationDetail, mode: ComposerMode = "reply") {
  useNow();
  const kind = conversation.channel?.kind;
  const channels = useChannels();
  const channelId = conversation.channel?.id;
  const settings = channels.data?.find((channel) => channel.id === channelId)?.config;
  // Meta's Human Agent permission is a channel setting, on unless the admin turned it off.
  const context: ReplyContext = {
    visibility: visibilityOf(mode, conversation),
    humanAgent: settings?.humanAgent !== false,
  };
  const last = lastInboundAt(conversation.messages);
  /** The customer's last message when the server said the window was closed, per visibility. */
  const [refusedAfter, setRefusedAfter] = useState<{
    last: number | null;
    visibility: Visibility;
  } | null>(null);
  const computed = replyWindow(kind, conversation.messages, Date.now(), context);
  const state: ReplyWindow =
    computed.state === "open" &&
    refusedAfter !== null &&
    refusedAfter.last === last &&
    refusedAfter.visibility === context.visibility
      ? refusedWindow(kind, last, context)
      : computed;

  /** Takes a send error into account: a `reply_refused` closes the window. */
  const learnFrom = (error: unknown) => {
    if (computed.state === "none") return;
    if (error instanceof ApiError && error.id === "reply_refused") {
      setRefusedAfter({ last, visibility: context.visibility });
    }
  };
  return { state, learnFrom };
}
