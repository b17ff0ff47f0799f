import { useState } from "react";
import type { ConversationDetail } from "../../hooks/api/conversations.ts";
import { ApiError } from "../../lib/api.ts";
import { lastInboundAt, type ReplyWindow, replyWindow } from "../../lib/replyWindow.ts";
import { useNow } from "../../lib/useNow.ts";

/**
 * The conversation's reply window, kept current (every 30 s and on every new message). The
 * server has the last word: once it refuses free text as outside the window, the window stays
 * closed here until the customer writes again, whatever this browser's clock says.
 */
export function useReplyWindow(conversation: ConversationDetail) {
  useNow();
  const kind = conversation.channel?.kind;
  const last = lastInboundAt(conversation.messages);
  /** The customer's last message when the server said the window was closed. */
  const [refusedAfter, setRefusedAfter] = useState<{ last: number | null } | null>(null);
  const computed = replyWindow(kind, conversation.messages, Date.now());
  const state: ReplyWindow =
    computed.state === "open" && refusedAfter !== null && refusedAfter.last === last
      ? { state: "closed", lastInboundAt: last }
      : computed;

  /** Takes a send error into account: a `reply_refused` closes the window. */
  const learnFrom = (error: unknown) => {
    if (computed.state === "none") return;
    if (error instanceof ApiError && error.id === "reply_refused") setRefusedAfter({ last });
  };
  return { state, learnFrom };
}
