import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  TActionRequest,
  TAgentAction,
  TApproval,
  TArrivalEstimates,
  TAuthorityLimits,
  TConversationOrder,
  TDelay,
  TDelayPreview,
  TDelayPreviewRequest,
  TDelayRequest,
  TMyLimits,
} from "../../../shared/backoffice.ts";
import { useLiveEvent } from "../../components/LiveProvider.tsx";
import { apiData, withQuery } from "../../lib/api.ts";
import { type ConversationDetail, useConversation } from "./conversations.ts";
import { queryKeys } from "./keys.ts";

/** The back office's own query keys: one prefix, so an action refreshes all of it at once. */
export const backofficeKeys = {
  all: ["backoffice"] as const,
  myLimits: ["backoffice", "limits", "mine"] as const,
  limits: ["backoffice", "limits"] as const,
  arrival: ["backoffice", "arrival-estimates"] as const,
  approvals: (status: string) => ["backoffice", "approvals", status] as const,
};

/** The orders beside a conversation, from its detail (the customer's and those they named). */
export function useConversationOrders(conversationId: string) {
  const conversation = useConversation(conversationId);
  const detail = conversation.data as
    | (ConversationDetail & { orders?: TConversationOrder[] })
    | undefined;
  return { ...conversation, orders: detail?.orders ?? [] };
}

export function useMyLimits(enabled = true) {
  return useQuery({
    queryKey: backofficeKeys.myLimits,
    queryFn: ({ signal }) => apiData<TMyLimits>("GET", "/api/v1/authority-limits/mine", { signal }),
    enabled,
  });
}

export function useAuthorityLimits() {
  return useQuery({
    queryKey: backofficeKeys.limits,
    queryFn: ({ signal }) =>
      apiData<TAuthorityLimits>("GET", "/api/v1/authority-limits", { signal }),
  });
}

export function useSaveAuthorityLimits() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TAuthorityLimits) =>
      apiData<TAuthorityLimits>("PUT", "/api/v1/authority-limits", { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: backofficeKeys.all }),
  });
}

export function useCreateAction(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TActionRequest) =>
      apiData<TAgentAction>("POST", `/api/v1/conversations/${conversationId}/actions`, { body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: backofficeKeys.all });
      void client.invalidateQueries({ queryKey: queryKeys.conversation(conversationId) });
    },
  });
}

export function useApprovals(status: "pending" | "approved" | "rejected", enabled = true) {
  return useQuery({
    queryKey: backofficeKeys.approvals(status),
    queryFn: ({ signal }) =>
      apiData<TApproval[]>("GET", withQuery("/api/v1/approvals", { status }), { signal }),
    enabled,
  });
}

export function useDecideApproval() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (props: { id: string; decision: "approve" | "reject"; reason: string | null }) =>
      apiData<TApproval>("POST", `/api/v1/approvals/${props.id}/${props.decision}`, {
        body: { reason: props.reason },
      }),
    onSuccess: (approval) => {
      void client.invalidateQueries({ queryKey: backofficeKeys.all });
      if (approval.conversationId) {
        void client.invalidateQueries({
          queryKey: queryKeys.conversation(approval.conversationId),
        });
      }
    },
  });
}

export function usePreviewDelay() {
  return useMutation({
    mutationFn: (body: TDelayPreviewRequest) =>
      apiData<TDelayPreview>("POST", "/api/v1/delays/preview", { body }),
  });
}

export function useAnnounceDelay() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TDelayRequest) => apiData<TDelay>("POST", "/api/v1/delays", { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["conversation"] }),
  });
}

/** Agent actions made or decided anywhere refresh the approvals and what is left of the limits. */
export function useBackofficeLive() {
  const client = useQueryClient();
  useLiveEvent((event) => {
    if (event.name.startsWith("agent_action.")) {
      void client.invalidateQueries({ queryKey: backofficeKeys.all });
    }
  });
}

/** How long refunds and replacements take to arrive: what the customer sentence promises. */
export function useArrivalEstimates() {
  return useQuery({
    queryKey: backofficeKeys.arrival,
    queryFn: ({ signal }) =>
      apiData<TArrivalEstimates>("GET", "/api/v1/arrival-estimates", { signal }),
  });
}

export function useSaveArrivalEstimates() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TArrivalEstimates) =>
      apiData<TArrivalEstimates>("PUT", "/api/v1/arrival-estimates", { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: backofficeKeys.arrival }),
  });
}
