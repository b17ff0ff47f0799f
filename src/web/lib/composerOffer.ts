import { useEffect, useRef } from "react";

/**
 * Something another part of the conversation screen offers to the composer (the customer panel
 * after an agent action): a sentence to put in the reply and, when it promises something, the
 * next step it announces. The composer decides what to do with it; nothing is sent by itself.
 */
export interface ComposerOffer {
  text: string;
  nextStep?: { text: string; dueAt: string };
}

const EVENT = "relais:composer-offer";

interface OfferDetail {
  conversationId: string;
  offer: ComposerOffer;
}

export function offerToComposer(conversationId: string, offer: ComposerOffer): void {
  window.dispatchEvent(new CustomEvent<OfferDetail>(EVENT, { detail: { conversationId, offer } }));
}

/** Calls `handler` with what is offered to this conversation's composer. */
export function useComposerOffer(
  conversationId: string,
  handler: (offer: ComposerOffer) => void,
): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const listener = (event: Event) => {
      const detail = (event as CustomEvent<OfferDetail>).detail;
      if (detail?.conversationId === conversationId) latest.current(detail.offer);
    };
    window.addEventListener(EVENT, listener);
    return () => window.removeEventListener(EVENT, listener);
  }, [conversationId]);
}
