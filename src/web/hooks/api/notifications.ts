import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { TNotification } from "../../../shared/notifications.ts";
import { request, withQuery } from "../../lib/api.ts";
import { queryKeys } from "./keys.ts";

interface NotificationPage {
  data: TNotification[];
  nextCursor?: string;
  unread: number;
}

/** The agent's notifications, newest first, a page at a time; the first page says how many are unread. */
export function useNotifications() {
  return useInfiniteQuery({
    queryKey: queryKeys.notifications,
    queryFn: ({ pageParam, signal }) =>
      request<NotificationPage>(
        "GET",
        withQuery("/api/v1/notifications", { cursor: pageParam, limit: 20 }),
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** Marks every notification read (or up to one); the bell's count follows. */
export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (upTo?: string) =>
      request<{ data: { unread: number } }>("POST", "/api/v1/notifications/read", {
        body: upTo ? { upTo } : {},
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications }),
  });
}
