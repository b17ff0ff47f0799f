import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TAcknowledgementSetting } from "../../../shared/sla.ts";
import { apiData } from "../../lib/api.ts";

/** Each channel's automatic acknowledgement, with the time a customer would be given now. */
export const acknowledgementKeys = {
  all: ["channel-acknowledgements"] as const,
};

export function useAcknowledgements() {
  return useQuery({
    queryKey: acknowledgementKeys.all,
    queryFn: ({ signal }) =>
      apiData<TAcknowledgementSetting[]>("GET", "/api/v1/channel-acknowledgements", { signal }),
  });
}

export function useSetAcknowledgement() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ channelId, enabled }: { channelId: string; enabled: boolean }) =>
      apiData<TAcknowledgementSetting>("PUT", `/api/v1/channels/${channelId}/acknowledgement`, {
        body: { enabled },
      }),
    onSuccess: (setting) =>
      client.setQueryData<TAcknowledgementSetting[]>(acknowledgementKeys.all, (list) =>
        list?.map((item) => (item.channelId === setting.channelId ? setting : item)),
      ),
  });
}
