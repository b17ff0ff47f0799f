import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  DashboardChart,
  TReportSchedule,
  TReportScheduleInput,
  TReportScheduleUpdateRequest,
} from "../../../shared/reportSchedules.ts";
import { apiData } from "../../lib/api.ts";

const SCHEDULES = ["report-schedules"] as const;
const DASHBOARD = ["reports", "dashboard"] as const;

export function useReportSchedules() {
  return useQuery({
    queryKey: SCHEDULES,
    queryFn: ({ signal }) =>
      apiData<TReportSchedule[]>("GET", "/api/v1/report-schedules", { signal }),
  });
}

/** Creates (no id) or changes a schedule, then refreshes the list. */
export function useSaveReportSchedule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      body,
    }: {
      id?: string;
      body: TReportScheduleInput | TReportScheduleUpdateRequest;
    }) =>
      id
        ? apiData<TReportSchedule>("PATCH", `/api/v1/report-schedules/${id}`, { body })
        : apiData<TReportSchedule>("POST", "/api/v1/report-schedules", { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: SCHEDULES }),
  });
}

export function useDeleteReportSchedule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiData("DELETE", `/api/v1/report-schedules/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: SCHEDULES }),
  });
}

/** The charts the signed-in user chose to see on the Reports screen. */
export function useDashboardSelection() {
  return useQuery({
    queryKey: DASHBOARD,
    queryFn: ({ signal }) =>
      apiData<{ charts: DashboardChart[] }>("GET", "/api/v1/reports/dashboard", { signal }),
  });
}

export function useSaveDashboardSelection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (charts: DashboardChart[]) =>
      apiData<{ charts: DashboardChart[] }>("PUT", "/api/v1/reports/dashboard", {
        body: { charts },
      }),
    onSuccess: (saved) => client.setQueryData(DASHBOARD, saved),
  });
}
