import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TCannedReply, TCannedReplyRendered } from "../../../shared/rules.ts";
import { apiData, withQuery } from "../../lib/api.ts";
import { queryKeys } from "./keys.ts";

/** Every canned reply (the composer's picker, the rule form). */
export function useCannedReplies(enabled = true) {
  return useQuery({
    queryKey: queryKeys.cannedReplyList(""),
    queryFn: ({ signal }) => apiData<TCannedReply[]>("GET", "/api/v1/canned-replies", { signal }),
    enabled,
    staleTime: 60_000,
  });
}

/** Canned replies whose shortcut or title contains `q` (searched by the server). */
export function useCannedReplySearch(q: string) {
  const needle = q.trim();
  return useQuery({
    queryKey: queryKeys.cannedReplyList(needle),
    queryFn: ({ signal }) =>
      apiData<TCannedReply[]>("GET", withQuery("/api/v1/canned-replies", { q: needle }), {
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export interface CannedReplyRequest {
  shortcut: string;
  title: string;
  bodyFr: string | null;
  bodyEn: string | null;
}

export function useSaveCannedReply() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CannedReplyRequest }) =>
      id
        ? apiData<TCannedReply>("PATCH", `/api/v1/canned-replies/${id}`, { body })
        : apiData<TCannedReply>("POST", "/api/v1/canned-replies", { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.cannedReplies }),
  });
}

export function useDeleteCannedReply() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiData<{ deleted: boolean }>("DELETE", `/api/v1/canned-replies/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.cannedReplies }),
  });
}

/** The reply in the customer's language, its variables filled for this conversation. */
export function useRenderCannedReply(conversationId: string) {
  return useMutation({
    mutationFn: (id: string) =>
      apiData<TCannedReplyRendered>("POST", `/api/v1/canned-replies/${id}/render`, {
        body: { conversationId },
      }),
  });
}

/** The same, for a conversation chosen at the moment (the settings' preview). */
export function usePreviewCannedReply() {
  return useMutation({
    mutationFn: ({ id, conversationId }: { id: string; conversationId: string }) =>
      apiData<TCannedReplyRendered>("POST", `/api/v1/canned-replies/${id}/render`, {
        body: { conversationId },
      }),
  });
}
