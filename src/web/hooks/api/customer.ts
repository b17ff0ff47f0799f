import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  TAuditEntry,
  TContactMergeItem,
  TDuplicate,
  TTimelineItem,
} from "../../../shared/customers.ts";
import { apiData, request } from "../../lib/api.ts";

const key = (contactId: string, part: string) => ["contact", contactId, part] as const;

export function useDuplicates(contactId: string) {
  return useQuery({
    queryKey: key(contactId, "duplicates"),
    queryFn: ({ signal }) =>
      apiData<TDuplicate[]>("GET", `/api/v1/contacts/${contactId}/duplicates`, { signal }),
  });
}

export function useContactMerges(contactId: string) {
  return useQuery({
    queryKey: key(contactId, "merges"),
    queryFn: ({ signal }) =>
      apiData<TContactMergeItem[]>("GET", `/api/v1/contacts/${contactId}/merges`, { signal }),
  });
}

export function useContactAudit(contactId: string, enabled: boolean) {
  return useQuery({
    queryKey: key(contactId, "audit"),
    enabled,
    queryFn: ({ signal }) =>
      apiData<TAuditEntry[]>("GET", `/api/v1/audit?subjectType=contact&subjectId=${contactId}`, {
        signal,
      }),
  });
}

export function useTimeline(contactId: string) {
  return useQuery({
    queryKey: key(contactId, "timeline"),
    queryFn: async ({ signal }) => {
      const page = await request<{ data: TTimelineItem[]; nextCursor?: string }>(
        "GET",
        `/api/v1/contacts/${contactId}/timeline?limit=200`,
        { signal },
      );
      return page.data;
    },
  });
}

/** "Not the same person", and undoing a merge: every contact view refetches afterwards. */
export function useDismissDuplicate(contactId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (otherId: string) =>
      apiData("POST", `/api/v1/contacts/${contactId}/duplicates/dismiss`, {
        body: { contactId: otherId },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["contact"] }),
  });
}

export function useUndoMerge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (mergeId: string) =>
      apiData<{ keptFields: string[] }>("POST", `/api/v1/contact-merges/${mergeId}/undo`, {
        body: {},
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ["contact"] });
      void client.invalidateQueries({ queryKey: ["contacts"] });
      void client.invalidateQueries({ queryKey: ["conversation"] });
    },
  });
}

export interface RepeatSettings {
  repeatWindowDays: number;
  repeatAction: "link" | "reopen";
}

export function useRepeatSettings() {
  return useQuery({
    queryKey: ["repeat-settings"],
    queryFn: ({ signal }) => apiData<RepeatSettings>("GET", "/api/v1/repeats/settings", { signal }),
  });
}

export function useSaveRepeatSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: Partial<RepeatSettings>) =>
      apiData<RepeatSettings>("PATCH", "/api/v1/repeats/settings", { body: changes }),
    onSuccess: (settings) => client.setQueryData(["repeat-settings"], settings),
  });
}
