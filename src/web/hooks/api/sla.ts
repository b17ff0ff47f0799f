import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ChannelKind, Priority } from "../../../shared/enums.ts";
import type {
  THoliday,
  TNextStepPreview,
  TPromise,
  TSlaPolicy,
  TSlaPolicyCreateRequest,
} from "../../../shared/sla.ts";
import { apiData, withQuery } from "../../lib/api.ts";
import { queryKeys } from "./keys.ts";

/** SLA policies, team holidays, promises and the next-step preview. */
export const slaKeys = {
  policies: ["sla-policies"] as const,
  preview: (sample: SlaSample) => ["sla-policies", "preview", sample] as const,
  holidays: (teamId: string) => ["team-holidays", teamId] as const,
  promises: ["promises"] as const,
  promiseList: (filters: PromiseFilters) => ["promises", "list", filters] as const,
  nextStep: (conversationId: string, text: string, dueAt: string) =>
    ["next-step-preview", conversationId, text, dueAt] as const,
};

export function useSlaPolicies() {
  return useQuery({
    queryKey: slaKeys.policies,
    queryFn: ({ signal }) => apiData<TSlaPolicy[]>("GET", "/api/v1/sla-policies", { signal }),
  });
}

export type SlaPolicyRequest = Partial<TSlaPolicyCreateRequest>;

export function useSaveSlaPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: SlaPolicyRequest }) =>
      id
        ? apiData<TSlaPolicy>("PATCH", `/api/v1/sla-policies/${id}`, { body })
        : apiData<TSlaPolicy>("POST", "/api/v1/sla-policies", { body }),
    onSettled: () => client.invalidateQueries({ queryKey: slaKeys.policies }),
  });
}

export function useDeleteSlaPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiData<{ deleted: boolean }>("DELETE", `/api/v1/sla-policies/${id}`),
    onSettled: () => client.invalidateQueries({ queryKey: slaKeys.policies }),
  });
}

/** A sample conversation, to see which policy the server's own matching gives it. */
export interface SlaSample {
  channelKind: ChannelKind | null;
  priority: Priority;
  category: string | null;
  teamId: string | null;
}

export function useSlaPreview(sample: SlaSample, policiesVersion: number) {
  return useQuery({
    queryKey: [...slaKeys.preview(sample), policiesVersion],
    queryFn: ({ signal }) =>
      apiData<{ policyId: string | null; policyName: string | null }>(
        "POST",
        "/api/v1/sla-policies/preview",
        { body: sample, signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export function useTeamHolidays(teamId: string) {
  return useQuery({
    queryKey: slaKeys.holidays(teamId),
    queryFn: ({ signal }) =>
      apiData<THoliday[]>("GET", `/api/v1/teams/${teamId}/holidays`, { signal }),
  });
}

export function useSaveTeamHolidays(teamId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (days: THoliday[]) =>
      apiData<THoliday[]>("PUT", `/api/v1/teams/${teamId}/holidays`, { body: days }),
    onSuccess: (days) => client.setQueryData(slaKeys.holidays(teamId), days),
  });
}

export interface PromiseFilters {
  status?: "open" | "kept" | "broken";
  /** "me", a user id, or every agent's. */
  madeBy?: string;
}

export function usePromises(filters: PromiseFilters) {
  return useQuery({
    queryKey: slaKeys.promiseList(filters),
    queryFn: ({ signal }) =>
      apiData<TPromise[]>(
        "GET",
        withQuery("/api/v1/promises", { status: filters.status, madeBy: filters.madeBy }),
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

function useAfterPromiseChange() {
  const client = useQueryClient();
  return (promise: TPromise) => {
    void client.invalidateQueries({ queryKey: slaKeys.promises });
    void client.invalidateQueries({ queryKey: queryKeys.conversations });
    void client.invalidateQueries({ queryKey: queryKeys.conversation(promise.conversationId) });
  };
}

export function useKeepPromise() {
  const after = useAfterPromiseChange();
  return useMutation({
    mutationFn: (id: string) => apiData<TPromise>("POST", `/api/v1/promises/${id}/keep`),
    onSuccess: after,
  });
}

export function useReschedulePromise() {
  const after = useAfterPromiseChange();
  return useMutation({
    mutationFn: ({
      id,
      dueAt,
      tellCustomer,
    }: {
      id: string;
      dueAt: string;
      tellCustomer: boolean;
    }) =>
      apiData<TPromise>("POST", `/api/v1/promises/${id}/reschedule`, {
        body: { dueAt, tellCustomer },
      }),
    onSuccess: after,
  });
}

/** The sentence the customer will read, rendered by the server that will send it. */
export function useNextStepPreview(conversationId: string, text: string, dueAt: string | null) {
  const step = text.trim();
  return useQuery({
    queryKey: slaKeys.nextStep(conversationId, step, dueAt ?? ""),
    queryFn: ({ signal }) =>
      apiData<TNextStepPreview>(
        "POST",
        `/api/v1/conversations/${conversationId}/next-step/preview`,
        {
          body: { text: step, dueAt },
          signal,
        },
      ),
    enabled: step.length > 0 && dueAt !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** Puts the policies in the given order (positions 0…n−1), patching only those that moved. */
export function useReorderSlaPolicies() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (ordered: TSlaPolicy[]) => {
      client.setQueryData<TSlaPolicy[]>(
        slaKeys.policies,
        ordered.map((policy, index) => ({ ...policy, position: index })),
      );
      for (const [index, policy] of ordered.entries()) {
        if (policy.position !== index) {
          await apiData<TSlaPolicy>("PATCH", `/api/v1/sla-policies/${policy.id}`, {
            body: { position: index },
          });
        }
      }
    },
    onSettled: () => client.invalidateQueries({ queryKey: slaKeys.policies }),
  });
}
