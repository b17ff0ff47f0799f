import type { MessageRequest } from "../../hooks/api/conversations.ts";
import type { ComposerMode } from "../../lib/drafts.ts";

/** A next step as the composer holds it: `dueAt` is an ISO instant once chosen. */
export interface NextStepDraft {
  text: string;
  dueAt: string | null;
  followUp: boolean;
}

export const EMPTY_NEXT_STEP: NextStepDraft = { text: "", dueAt: null, followUp: true };

/** Ready to send: words and a time still to come. */
export function nextStepReady(
  step: NextStepDraft | null,
): step is NextStepDraft & { dueAt: string } {
  return Boolean(step?.text.trim() && step.dueAt && new Date(step.dueAt).getTime() > Date.now());
}

/** What the composer sends: a reply (public or private) or a note, its files and next step. */
export function requestFor(
  mode: ComposerMode,
  text: string,
  attachmentIds: string[],
  step: NextStepDraft | null,
): MessageRequest {
  const files = attachmentIds.length > 0 ? { attachmentIds } : {};
  if (mode === "note") return { text, kind: "note", ...files };
  const nextStep = nextStepReady(step)
    ? { nextStep: { text: step.text.trim(), dueAt: step.dueAt, followUp: step.followUp } }
    : {};
  if (mode === "private")
    return { text, kind: "reply", visibility: "private", ...files, ...nextStep };
  return { text, kind: "reply", ...files, ...nextStep };
}
