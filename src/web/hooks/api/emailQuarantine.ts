import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type {
  TEmailQuarantineDetail,
  TEmailQuarantineItem,
} from "../../../shared/emailQuarantine.ts";
import { apiData, request, withQuery } from "../../lib/api.ts";
import { queryKeys } from "./keys.ts";

export type QuarantineStatus = TEmailQuarantineItem["status"];
interface QuarantinePage {
  data: TEmailQuarantineItem[];
  nextCursor?: string;
}

const PAGE_SIZE = 25;

/** Quarantined mail in one status, newest first, page by page. */
export function useQuarantineList(status: QuarantineStatus) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.emailQuarantine, "list", status],
    initialPageParam: "",
    queryFn: ({ pageParam, signal }) =>
      request<QuarantinePage>(
        "GET",
        withQuery("/api/v1/email-quarantine", { status, limit: PAGE_SIZE, cursor: pageParam }),
        { signal },
      ),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useQuarantined(id: string | null) {
  return useQuery({
    queryKey: [...queryKeys.emailQuarantine, "item", id],
    queryFn: ({ signal }) =>
      apiData<TEmailQuarantineDetail>("GET", `/api/v1/email-quarantine/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

export type QuarantineAssignment = { contactId: string } | { email: string };

/** Files the mail under a contact (or an address): it becomes a message of their conversation. */
export function useAssignQuarantined() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, to }: { id: string; to: QuarantineAssignment }) =>
      apiData<TEmailQuarantineDetail>("POST", `/api/v1/email-quarantine/${id}/assign`, {
        body: to,
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.emailQuarantine });
      void client.invalidateQueries({ queryKey: queryKeys.conversations });
      void client.invalidateQueries({ queryKey: queryKeys.contacts });
    },
  });
}

export function useDiscardQuarantined() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiData<TEmailQuarantineDetail>("POST", `/api/v1/email-quarantine/${id}/discard`),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.emailQuarantine }),
  });
}
