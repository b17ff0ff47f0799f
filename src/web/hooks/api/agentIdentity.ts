import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TContact, TConversation } from "../../../shared/schemas.ts";
import { apiData } from "../../lib/api.ts";
import type { ContactDetail } from "./contacts.ts";
import { queryKeys } from "./keys.ts";

/** Blocks (true) or unblocks (false) a contact; their page and the lists are refreshed. */
export function useBlockContact(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (blocked: boolean) =>
      apiData<TContact>(blocked ? "POST" : "DELETE", `/api/v1/contacts/${id}/block`),
    onSuccess: (contact) => {
      client.setQueryData<ContactDetail>(queryKeys.contact(id), (old) =>
        old ? { ...old, ...contact } : old,
      );
      void client.invalidateQueries({ queryKey: queryKeys.contacts });
    },
  });
}

/** Marks a conversation as spam, its sender blocked when asked. */
export function useMarkSpam(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (blockSender: boolean) =>
      apiData<TConversation>("POST", `/api/v1/conversations/${id}/spam`, {
        body: { blockSender },
      }),
    onSuccess: (conversation) => {
      void client.invalidateQueries({ queryKey: queryKeys.conversation(id) });
      void client.invalidateQueries({ queryKey: queryKeys.conversations });
      void client.invalidateQueries({ queryKey: queryKeys.contact(conversation.contact.id) });
    },
  });
}
