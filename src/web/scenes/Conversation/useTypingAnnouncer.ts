import { useRef } from "react";
import type { TConversation } from "../../../shared/schemas.ts";
import { apiData } from "../../lib/api.ts";

const TYPING_EVERY_MS = 3000;

/** On live chat, the visitor sees "typing…" while the agent writes (renewed every 3 s). */
export function useTypingAnnouncer(conversation: TConversation) {
  const last = useRef(0);
  const live = conversation.channel?.kind === "chat";
  return () => {
    if (!live || Date.now() - last.current < TYPING_EVERY_MS) return;
    last.current = Date.now();
    apiData("POST", `/api/v1/conversations/${conversation.id}/typing`).catch(() => {});
  };
}
