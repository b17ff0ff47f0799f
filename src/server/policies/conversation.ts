import { anyone } from "./roles.ts";

/**
 * Front-line agents resolve alone: any member of the account may read, answer, annotate, assign
 * and change the state of the account's conversations.
 */
export const conversationRules = {
  "conversation.read": anyone,
  "conversation.reply": anyone,
  "conversation.note": anyone,
  "conversation.update": anyone,
  "conversation.assign": anyone,
};
