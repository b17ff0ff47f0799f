import type { CallbackFilters } from "./callbacks.ts";
import type { ConversationFilters } from "./conversations.ts";

/** Every query key the app uses, so live events invalidate exactly what they change. */
export const queryKeys = {
  session: ["session"] as const,
  setup: ["setup"] as const,
  conversations: ["conversations"] as const,
  conversationList: (filters: ConversationFilters) => ["conversations", "list", filters] as const,
  conversationCounts: (filters: ConversationFilters) =>
    ["conversations", "counts", filters] as const,
  conversationOptions: (q: string) => ["conversations", "options", q] as const,
  conversation: (id: string) => ["conversation", id] as const,
  contacts: ["contact"] as const,
  contact: (id: string) => ["contact", id] as const,
  users: ["users"] as const,
  teams: ["teams"] as const,
  teamAssignments: ["team-assignment"] as const,
  teamAssignment: (id: string) => ["team-assignment", id] as const,
  channels: ["channels"] as const,
  channelTemplates: (id: string) => ["channels", id, "templates"] as const,
  rules: ["rules"] as const,
  cannedReplies: ["canned-replies"] as const,
  cannedReplyList: (q: string) => ["canned-replies", "list", q] as const,
  callbacks: ["callbacks"] as const,
  callbackList: (filters: CallbackFilters) => ["callbacks", "list", filters] as const,
  callbackSlots: (timeZone: string, teamId: string) =>
    ["callback-slots", timeZone, teamId] as const,
  calls: ["calls"] as const,
  conversationCalls: (id: string) => ["calls", id] as const,
  notifications: ["notifications"] as const,
  emailQuarantine: ["email-quarantine"] as const,
  surveySettings: ["survey-settings"] as const,
  effort: ["effort"] as const,
};
