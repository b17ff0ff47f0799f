import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { LabelColour, TLabel } from "../../../shared/labels.ts";
import { apiData } from "../../lib/api.ts";

const LABELS = ["labels"] as const;
/** Under "conversations", so whatever refreshes the inbox refreshes the queue figures too. */
const QUEUE = ["conversations", "queue"] as const;

/** The account's labels (settings, the header's editor, the inbox filter, row colours). */
export function useLabels(enabled = true) {
  return useQuery({
    queryKey: LABELS,
    queryFn: ({ signal }) => apiData<TLabel[]>("GET", "/api/v1/labels", { signal }),
    enabled,
    staleTime: 60_000,
  });
}

export interface LabelRequest {
  name: string;
  colour: LabelColour;
  description: string | null;
}

export function useSaveLabel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: LabelRequest }) =>
      id
        ? apiData<TLabel>("PATCH", `/api/v1/labels/${id}`, { body })
        : apiData<TLabel>("POST", "/api/v1/labels", { body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: LABELS });
      void client.invalidateQueries({ queryKey: ["conversations"] });
      void client.invalidateQueries({ queryKey: ["conversation"] });
    },
  });
}

export function useDeleteLabel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiData<{ deleted: boolean }>("DELETE", `/api/v1/labels/${id}`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: LABELS });
      void client.invalidateQueries({ queryKey: ["conversations"] });
      void client.invalidateQueries({ queryKey: ["conversation"] });
    },
  });
}

export interface QueueSummary {
  unassignedWaiting: number;
  oldestWaiting: { id: string; waitingSince: string } | null;
  urgent: number;
  breached: number;
  dueSoon: number;
}

/** The open queue at a glance, above the inbox list. */
export function useQueueSummary() {
  return useQuery({
    queryKey: QUEUE,
    queryFn: ({ signal }) =>
      apiData<QueueSummary>("GET", "/api/v1/conversations/queue", { signal }),
    refetchInterval: 60_000,
  });
}

/** A label's colour by name; labels a rule wrote without a settings entry are grey. */
export function useLabelColours(): (name: string) => LabelColour {
  const labels = useLabels();
  const byName = new Map((labels.data ?? []).map((label) => [label.name, label.colour]));
  return (name) => byName.get(name) ?? "gray";
}
