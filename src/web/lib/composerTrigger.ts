/** What the agent is typing that opens a suggestion list: "/" canned replies, "@" teammates. */
export interface ComposerTrigger {
  kind: "canned" | "mention";
  /** What follows the "/" or "@" up to the cursor. */
  query: string;
  /** Where the "/" or "@" is, and the cursor: the text between them is replaced on a choice. */
  start: number;
  end: number;
}

/**
 * The trigger the cursor is in, if any: a "/" or "@" at the start of the text or after a space
 * or a line break, followed by letters, digits, "-", "_" or "." (a mention may hold one space,
 * for a first and last name being typed). Canned replies only where `canned`, mentions only
 * where `mention`.
 */
export function findTrigger(
  text: string,
  caret: number,
  allow: { canned: boolean; mention: boolean },
): ComposerTrigger | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)([/@])([\p{L}\p{N}_.-]*(?: [\p{L}\p{N}_.-]*)?)$/u.exec(before);
  if (!match) return null;
  const sign = match[2];
  const query = match[3] ?? "";
  const kind = sign === "/" ? "canned" : "mention";
  if (kind === "canned" && (!allow.canned || query.includes(" "))) return null;
  if (kind === "mention" && !allow.mention) return null;
  return { kind, query, start: caret - query.length - 1, end: caret };
}

/** The text with the trigger replaced by `insert`, and where the cursor goes after it. */
export function replaceTrigger(text: string, trigger: ComposerTrigger, insert: string) {
  const next = text.slice(0, trigger.start) + insert + text.slice(trigger.end);
  return { text: next, caret: trigger.start + insert.length };
}

/** Of the teammates chosen while typing, those whose "@Name" is still in the text. */
export function mentionsIn(text: string, chosen: ReadonlyMap<string, string>): string[] {
  return [...chosen].filter(([, name]) => text.includes(`@${name}`)).map(([id]) => id);
}
