import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TContact, TConversation } from "../../../shared/schemas.ts";
import { apiData } from "../../lib/api.ts";
import { queryKeys } from "./keys.ts";

export type ContactDetail = TContact & { conversations: TConversation[] };

export function useContact(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.contact(id ?? ""),
    queryFn: ({ signal }) => apiData<ContactDetail>("GET", `/api/v1/contacts/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

export interface ContactChanges {
  name?: string | null;
  notes?: string | null;
  locale?: string | null;
  timeZone?: string | null;
}

export function useUpdateContact(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: ContactChanges) =>
      apiData<TContact>("PATCH", `/api/v1/contacts/${id}`, { body: changes }),
    onSuccess: (contact) => {
      client.setQueryData<ContactDetail>(queryKeys.contact(id), (old) =>
        old ? { ...old, ...contact } : old,
      );
      void client.invalidateQueries({ queryKey: queryKeys.conversations });
    },
  });
}
