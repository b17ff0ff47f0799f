import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TNotificationSetting } from "../../../shared/notifications.ts";
import { apiData } from "../../lib/api.ts";
import { queryKeys } from "./keys.ts";

export interface NotificationSettings {
  settings: TNotificationSetting[];
  emailAvailable: boolean;
}

const KEY = ["notification-settings"] as const;

/** The agent's own choices per kind: ring in the app, also by email. */
export function useNotificationSettings() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) =>
      apiData<NotificationSettings>("GET", "/api/v1/me/notification-settings", { signal }),
    staleTime: 60_000,
  });
}

export function useSaveNotificationSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (settings: TNotificationSetting[]) =>
      apiData<NotificationSettings>("PUT", "/api/v1/me/notification-settings", {
        body: { settings },
      }),
    onSuccess: (saved) => {
      client.setQueryData(KEY, saved);
      // The bell's list leaves out the kinds now muted.
      void client.invalidateQueries({ queryKey: queryKeys.notifications });
    },
  });
}
