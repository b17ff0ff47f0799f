import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { TContactListItem } from "../../../shared/contacts.ts";
import type { TContact, TConversation } from "../../../shared/schemas.ts";
import { apiData, request, withQuery } from "../../lib/api.ts";
import type { ConversationDetail } from "./conversations.ts";
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
      void client.invalidateQueries({ queryKey: [...queryKeys.contacts, "list"] });
      void client.invalidateQueries({ queryKey: queryKeys.conversations });
    },
  });
}

export interface ContactPage {
  data: TContactListItem[];
  nextCursor?: string;
}

const PAGE_SIZE = 30;
const contactListKey = (q: string) => [...queryKeys.contacts, "list", q] as const;

/** Contacts, newest first, or those matching `q` (name, email, phone, handle), page by page. */
export function useContactList(q: string) {
  const needle = q.trim();
  return useInfiniteQuery({
    queryKey: contactListKey(needle),
    initialPageParam: "",
    queryFn: ({ pageParam, signal }) =>
      request<ContactPage>(
        "GET",
        withQuery("/api/v1/contacts", { q: needle, limit: PAGE_SIZE, cursor: pageParam }),
        { signal },
      ),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** A few contacts matching `q`, to pick one (merging). */
export function useContactOptions(q: string, enabled = true) {
  const needle = q.trim();
  return useQuery({
    queryKey: [...queryKeys.contacts, "options", needle],
    queryFn: ({ signal }) =>
      apiData<TContactListItem[]>("GET", withQuery("/api/v1/contacts", { q: needle, limit: 20 }), {
        signal,
      }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Merges `sourceId` into `targetId`; the answer is the merged contact, stored for its page. */
export function useMergeContacts() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ targetId, sourceId }: { targetId: string; sourceId: string }) =>
      apiData<ContactDetail>("POST", `/api/v1/contacts/${targetId}/merge`, {
        body: { sourceId },
      }),
    onSuccess: (contact, { sourceId }) => {
      // Open conversations of the merged contact now belong to the one kept.
      const { id, name, email, phone, avatarUrl } = contact;
      client.setQueriesData<ConversationDetail>({ queryKey: ["conversation"] }, (old) =>
        old?.contact?.id === sourceId
          ? { ...old, contact: { id, name, email, phone, avatarUrl } }
          : old,
      );
      client.removeQueries({ queryKey: queryKeys.contact(sourceId) });
      client.setQueryData(queryKeys.contact(contact.id), contact);
      void client.invalidateQueries({ queryKey: queryKeys.contacts });
      void client.invalidateQueries({ queryKey: queryKeys.conversations });
      void client.invalidateQueries({ queryKey: ["conversation"] });
    },
  });
}
