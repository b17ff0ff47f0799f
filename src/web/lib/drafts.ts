/** Unsent replies and notes survive reloads, live updates and an expired session. */
export type ComposerMode = "reply" | "private" | "note";

export interface Draft {
  text: string;
  mode: ComposerMode;
}

const key = (conversationId: string) => `relais.draft.${conversationId}`;

export function loadDraft(conversationId: string): Draft | null {
  try {
    const raw = window.localStorage.getItem(key(conversationId));
    if (!raw) return null;
    const draft = JSON.parse(raw) as Partial<Draft>;
    if (typeof draft.text !== "string") return null;
    const mode = draft.mode === "note" || draft.mode === "private" ? draft.mode : "reply";
    return { text: draft.text, mode };
  } catch {
    return null;
  }
}

export function saveDraft(conversationId: string, draft: Draft): void {
  try {
    if (draft.text.trim()) window.localStorage.setItem(key(conversationId), JSON.stringify(draft));
    else window.localStorage.removeItem(key(conversationId));
  } catch {
    // Storage full or disabled: the draft lives in memory only.
  }
}

export function clearDraft(conversationId: string): void {
  window.localStorage.removeItem(key(conversationId));
}

const ENTER_KEY = "relais.enterSends";
const EMAIL_ENTER_KEY = "relais.enterSends.email";

/**
 * Whether Enter sends (else Ctrl+Enter does), remembered apart for email, where Enter inserts
 * a new line unless the agent says otherwise: a letter has paragraphs, a chat line does not.
 */
export function enterSends(email = false): boolean {
  if (email) return window.localStorage.getItem(EMAIL_ENTER_KEY) === "1";
  return window.localStorage.getItem(ENTER_KEY) !== "0";
}

export function setEnterSends(value: boolean, email = false): void {
  window.localStorage.setItem(email ? EMAIL_ENTER_KEY : ENTER_KEY, value ? "1" : "0");
}
