import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CallbackStatus, TCall, TCallback, TSlot } from "../../../shared/callbacks.ts";
import type { TMessage } from "../../../shared/schemas.ts";
import { apiData, withQuery } from "../../lib/api.ts";
import { queryKeys } from "./keys.ts";

export {
  CALLBACK_STATUSES,
  type CallbackStatus,
  type LocalTime,
  type TCall,
  type TCallback,
  type TSlot,
} from "../../../shared/callbacks.ts";

export type CallbackScope = "upcoming" | "done";

export interface CallbackFilters {
  scope: CallbackScope;
  mine?: boolean;
  conversationId?: string;
}

const SCOPES: Record<CallbackScope, CallbackStatus[]> = {
  upcoming: ["scheduled", "calling", "to_reschedule"],
  done: ["completed", "cancelled"],
};

export function useCallbacks(filters: CallbackFilters) {
  return useQuery({
    queryKey: queryKeys.callbackList(filters),
    queryFn: ({ signal }) =>
      apiData<TCallback[]>(
        "GET",
        withQuery("/api/v1/callbacks", {
          status: SCOPES[filters.scope].join(","),
          assigneeId: filters.mine ? "me" : undefined,
          conversationId: filters.conversationId,
          limit: 200,
        }),
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

/** Free times within the team's business hours, each on the customer's and the team's clock. */
export function useCallbackSlots(timeZone: string, teamId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.callbackSlots(timeZone, teamId ?? ""),
    queryFn: ({ signal }) =>
      apiData<TSlot[]>(
        "GET",
        withQuery("/api/v1/callback-slots", { timeZone, teamId: teamId ?? undefined, days: 14 }),
        { signal },
      ),
    enabled: enabled && Boolean(timeZone),
    staleTime: 30_000,
  });
}

function useCallbackInvalidation() {
  const client = useQueryClient();
  return (conversationId?: string) => {
    void client.invalidateQueries({ queryKey: queryKeys.callbacks });
    void client.invalidateQueries({ queryKey: ["callback-slots"] });
    if (conversationId) {
      void client.invalidateQueries({ queryKey: queryKeys.conversation(conversationId) });
      void client.invalidateQueries({ queryKey: queryKeys.conversationCalls(conversationId) });
    }
  };
}

export interface CallbackCreateRequest {
  conversationId: string;
  scheduledAt: string;
  phone?: string;
  timeZone?: string;
  teamId?: string;
  assigneeId?: string;
  note?: string;
  notifyCustomer?: boolean;
}

export function useCreateCallback() {
  const invalidate = useCallbackInvalidation();
  return useMutation({
    mutationFn: (body: CallbackCreateRequest) =>
      apiData<TCallback>("POST", "/api/v1/callbacks", { body }),
    onSuccess: (callback) => invalidate(callback.conversationId),
  });
}

export interface CallbackChanges {
  scheduledAt?: string;
  timeZone?: string;
  status?: "cancelled";
  assigneeId?: string | null;
  notifyCustomer?: boolean;
}

export function useUpdateCallback() {
  const invalidate = useCallbackInvalidation();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: CallbackChanges }) =>
      apiData<TCallback>("PATCH", `/api/v1/callbacks/${id}`, { body: changes }),
    onSuccess: (callback) => invalidate(callback.conversationId),
  });
}

/** Rings the customer now through the phone channel; progress is logged in the conversation. */
export function useStartCall() {
  const invalidate = useCallbackInvalidation();
  return useMutation({
    mutationFn: (id: string) => apiData<TCallback>("POST", `/api/v1/callbacks/${id}/call`),
    onSuccess: (callback) => invalidate(callback.conversationId),
  });
}

export function useConversationCalls(conversationId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.conversationCalls(conversationId),
    queryFn: ({ signal }) =>
      apiData<TCall[]>("GET", `/api/v1/conversations/${conversationId}/calls`, { signal }),
    enabled,
  });
}

export function useAddCallNote(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { callId: string; text: string }) =>
      apiData<TMessage>("POST", `/api/v1/conversations/${conversationId}/call-notes`, { body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.conversation(conversationId) });
    },
  });
}
