import { useQuery } from "@tanstack/react-query";
import { apiData } from "../../lib/api.ts";
import type { MessageTemplate } from "../../lib/templates.ts";
import { queryKeys } from "./keys.ts";

/** The channel's approved message templates (WhatsApp), read from the provider when needed. */
export function useChannelTemplates(channelId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.channelTemplates(channelId ?? ""),
    queryFn: ({ signal }) =>
      apiData<MessageTemplate[]>("GET", `/api/v1/channels/${channelId}/templates`, { signal }),
    enabled: enabled && Boolean(channelId),
    staleTime: 5 * 60_000,
    retry: false,
  });
}
