import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TEffortReport, TSurveyResponse, TSurveySettings } from "../../../shared/surveys.ts";
import { apiData, request, withQuery } from "../../lib/api.ts";
import { queryKeys } from "./keys.ts";

export function useSurveySettings() {
  return useQuery({
    queryKey: queryKeys.surveySettings,
    queryFn: ({ signal }) =>
      apiData<TSurveySettings>("GET", "/api/v1/surveys/settings", { signal }),
  });
}

export function useSaveSurveySettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TSurveySettings) =>
      apiData<TSurveySettings>("PUT", "/api/v1/surveys/settings", { body }),
    onSuccess: (saved) => client.setQueryData(queryKeys.surveySettings, saved),
  });
}

export function useEffortReport(filters: { from?: string; to?: string }) {
  return useQuery({
    queryKey: [...queryKeys.effort, filters],
    queryFn: ({ signal }) =>
      apiData<TEffortReport>("GET", withQuery("/api/v1/reports/effort", filters), { signal }),
  });
}

export function useSurveyResponses() {
  return useQuery({
    queryKey: [...queryKeys.effort, "responses"],
    queryFn: ({ signal }) =>
      request<{ data: TSurveyResponse[]; nextCursor?: string }>(
        "GET",
        withQuery("/api/v1/surveys/responses", { limit: 20 }),
        { signal },
      ),
  });
}
