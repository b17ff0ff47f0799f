import { isMember } from "./roles.ts";

/**
 * Front-line agents resolve alone: any member of the account may read, answer, annotate, assign
 * and change the state of the account's conversations.
 */
export const conversationRules = {
  "conversation.read": isMember,
  "conversation.reply": isMember,
  "conversation.note": isMember,
  "conversation.update": isMember,
  "conversation.assign": isMember,
  /** Two conversations of one customer about one problem (a repeat) made one. */
  "conversation.merge": isMember,
  /** Spam closed and left out of lists and reports (audited; the mark can be taken off). */
  "conversation.spam": isMember,
};
