import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  TListeningAlert,
  TListeningQuery,
  TListeningStats,
  TMention,
} from "../../../shared/listening.ts";
import { apiData } from "../../lib/api.ts";

const LISTENING = ["listening"] as const;

export function useListeningQueries() {
  return useQuery({
    queryKey: [...LISTENING, "queries"],
    queryFn: ({ signal }) =>
      apiData<TListeningQuery[]>("GET", "/api/v1/listening/queries", { signal }),
  });
}

export interface MentionFilters {
  queryId?: string;
  sentiment?: string;
  language?: string;
  q?: string;
}

export function useMentions(filters: MentionFilters) {
  const params = new URLSearchParams(
    Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  return useQuery({
    queryKey: [...LISTENING, "mentions", filters],
    queryFn: ({ signal }) =>
      apiData<TMention[]>("GET", `/api/v1/mentions?${params.toString()}`, { signal }),
  });
}

export function useListeningStats(queryId: string | undefined, interval: "hour" | "day") {
  return useQuery({
    queryKey: [...LISTENING, "stats", queryId, interval],
    queryFn: ({ signal }) =>
      apiData<TListeningStats>(
        "GET",
        `/api/v1/listening/queries/${queryId}/stats?interval=${interval}`,
        { signal },
      ),
    enabled: Boolean(queryId),
  });
}

export function useListeningAlerts() {
  return useQuery({
    queryKey: [...LISTENING, "alerts"],
    queryFn: ({ signal }) =>
      apiData<TListeningAlert[]>("GET", "/api/v1/listening/alerts", { signal }),
  });
}

/** Opens (once) the conversation of a mention; answers the mention with its conversation. */
export function useAnswerMention() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiData<TMention>("POST", `/api/v1/mentions/${id}/conversation`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: [...LISTENING, "mentions"] });
      void client.invalidateQueries({ queryKey: ["conversations"] });
    },
  });
}
