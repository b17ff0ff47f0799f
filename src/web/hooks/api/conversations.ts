import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { ConversationStatus, Priority, Sentiment, Visibility } from "../../../shared/enums.ts";
import type { TEmailHeaders } from "../../../shared/replies.ts";
import type { TConversation, TMessage, TStatusCounts } from "../../../shared/schemas.ts";
import type { TConversationSurvey } from "../../../shared/surveys.ts";
import type { RepeatOf } from "../../components/customer/RepeatOfBadge.tsx";
import { apiData, request, withQuery } from "../../lib/api.ts";
import { queryKeys } from "./keys.ts";

export type InboxView = "mine" | "unassigned" | "all" | "team";
export type ConversationSort = "waiting_newest" | "waiting_oldest" | "recent" | "sla_due";

/** What the inbox shows: a view (whose conversations) and the filters on top of it. */
export interface ConversationFilters {
  view: InboxView;
  teamId?: string;
  status?: ConversationStatus;
  channelId?: string;
  category?: string;
  language?: string;
  sentiment?: Sentiment;
  priority?: Priority;
  q?: string;
  sort?: ConversationSort;
  /** SLA: a clock running late, or breaching soon. */
  sla?: "breached" | "due_soon";
  /** Conversations carrying this label. */
  label?: string;
}

export interface ConversationPage {
  data: TConversation[];
  nextCursor?: string;
  counts: TStatusCounts;
}

export type ConversationDetail = TConversation & {
  messages: TMessage[];
  /** The survey of its latest resolution (absent in answers other than the detail). */
  survey?: TConversationSurvey | null;
  /** The earlier conversation of the same customer about the same problem. */
  repeatOf?: RepeatOf | null;
  /** Why resolving now may leave the customer hanging (the app then asks to confirm). */
  resolveWarnings?: Array<"last_reply_failed" | "last_reply_pending" | "customer_unanswered">;
};

const PAGE_SIZE = 40;

function listPath(filters: ConversationFilters, extra: Record<string, string | number>) {
  return withQuery("/api/v1/conversations", {
    assigneeId: filters.view === "mine" ? "me" : filters.view === "unassigned" ? "none" : undefined,
    teamId: filters.view === "team" ? filters.teamId : undefined,
    status: filters.status,
    channelId: filters.channelId,
    category: filters.category,
    language: filters.language,
    sentiment: filters.sentiment,
    priority: filters.priority,
    q: filters.q?.trim() || undefined,
    sort: filters.sort,
    sla: filters.sla,
    label: filters.label,
    ...extra,
  });
}

/** The inbox list, page by page (keyset cursor), with the counts per status. */
export function useConversationList(filters: ConversationFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.conversationList(filters),
    initialPageParam: "",
    queryFn: ({ pageParam, signal }) =>
      request<ConversationPage>("GET", listPath(filters, { limit: PAGE_SIZE, cursor: pageParam }), {
        signal,
      }),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** Counts per status for a view (the navigation's badges). */
export function useConversationCounts(filters: ConversationFilters) {
  return useQuery({
    queryKey: queryKeys.conversationCounts(filters),
    queryFn: ({ signal }) =>
      request<ConversationPage>("GET", listPath(filters, { limit: 1 }), { signal }),
    select: (page) => page.counts,
  });
}

/** Recent conversations matching `q`, to pick one (rule tests, canned reply previews). */
export function useConversationOptions(q: string, enabled = true) {
  const needle = q.trim();
  return useQuery({
    queryKey: queryKeys.conversationOptions(needle),
    queryFn: ({ signal }) =>
      apiData<TConversation[]>(
        "GET",
        withQuery("/api/v1/conversations", { q: needle || undefined, sort: "recent", limit: 30 }),
        { signal },
      ),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useConversation(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.conversation(id ?? ""),
    queryFn: ({ signal }) =>
      apiData<ConversationDetail>("GET", `/api/v1/conversations/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

/** Keeps the detail cache in step with an answer that carries the conversation. */
function useStoreConversation() {
  const client = useQueryClient();
  return (conversation: TConversation) => {
    client.setQueryData<ConversationDetail>(queryKeys.conversation(conversation.id), (old) =>
      old ? { ...old, ...conversation } : old,
    );
    void client.invalidateQueries({ queryKey: queryKeys.conversations });
    void client.invalidateQueries({ queryKey: queryKeys.contact(conversation.contact.id) });
  };
}

export interface ConversationChanges {
  status?: ConversationStatus;
  priority?: Priority;
  assigneeId?: string | null;
  teamId?: string | null;
  snoozedUntil?: string | null;
  category?: string | null;
  labels?: string[];
}

export function useUpdateConversation(id: string) {
  const store = useStoreConversation();
  return useMutation({
    mutationFn: (changes: ConversationChanges) =>
      apiData<TConversation>("PATCH", `/api/v1/conversations/${id}`, { body: changes }),
    onSuccess: store,
  });
}

/** Merges another conversation of the same customer (a repeat) into this one. */
export function useMergeConversation(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (sourceId: string) =>
      apiData<TConversation>("POST", `/api/v1/conversations/${id}/merge`, { body: { sourceId } }),
    onSuccess: (conversation) => {
      void client.invalidateQueries({ queryKey: queryKeys.conversation(id) });
      void client.invalidateQueries({ queryKey: queryKeys.conversations });
      void client.invalidateQueries({ queryKey: queryKeys.contact(conversation.contact.id) });
      void client.invalidateQueries({ queryKey: ["contact"] });
    },
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiData<TConversation>("POST", `/api/v1/conversations/${id}/read`),
    onSuccess: (conversation) => {
      client.setQueryData<ConversationDetail>(queryKeys.conversation(conversation.id), (old) =>
        old ? { ...old, unread: false } : old,
      );
      void client.invalidateQueries({ queryKey: queryKeys.conversations });
    },
  });
}

export interface TemplateRequest {
  name: string;
  language: string;
  /** The body's variables in order: `{{1}}`, `{{2}}` … */
  variables: string[];
}

export interface MessageRequest {
  /** With a template: the body as rendered, which the timeline shows. */
  text: string;
  kind: "reply" | "note";
  visibility?: Visibility;
  /** An approved template (WhatsApp): the only reply allowed outside its 24-hour window. */
  template?: TemplateRequest;
  /** Files uploaded beforehand (POST /api/v1/attachments), sent with this message. */
  attachmentIds?: string[];
  /** A next step promised to the customer: the reply ends with it and its time. */
  nextStep?: { text: string; dueAt: string; followUp: boolean };
  /** Teammates @mentioned in a note, each notified. */
  mentions?: string[];
  /** An email reply's own subject, To, Cc and Bcc. */
  email?: TEmailHeaders;
}

/** Adds a message to the cached conversation unless it is already there. */
function appendMessage(old: ConversationDetail | undefined, message: TMessage) {
  if (!old) return old;
  const index = old.messages.findIndex((existing) => existing.id === message.id);
  if (index >= 0) {
    const messages = [...old.messages];
    messages[index] = message;
    return { ...old, messages };
  }
  return { ...old, messages: [...old.messages, message] };
}

export function useSendMessage(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MessageRequest) =>
      apiData<TMessage>("POST", `/api/v1/conversations/${conversationId}/messages`, { body }),
    onSuccess: (message) => {
      client.setQueryData<ConversationDetail>(queryKeys.conversation(conversationId), (old) =>
        appendMessage(old, message),
      );
      void client.invalidateQueries({ queryKey: queryKeys.conversation(conversationId) });
      void client.invalidateQueries({ queryKey: queryKeys.conversations });
      void client.invalidateQueries({ queryKey: ["promises"] });
    },
  });
}

export function useRetryMessage(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) =>
      apiData<TMessage>(
        "POST",
        `/api/v1/conversations/${conversationId}/messages/${messageId}/retry`,
      ),
    onSuccess: (message) => {
      client.setQueryData<ConversationDetail>(queryKeys.conversation(conversationId), (old) =>
        appendMessage(old, message),
      );
    },
  });
}
