import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  IdeaKind,
  IdeaStatus,
  TIdea,
  TIdeaDetail,
  TIdeaStatusPreview,
  TUnsortedIdea,
} from "../../../shared/ideas.ts";
import { apiData } from "../../lib/api.ts";

/** Everything about ideas sits under "ideas", so one invalidation refreshes the board. */
const IDEAS = ["ideas"] as const;
export const ideaKeys = {
  all: IDEAS,
  list: ["ideas", "list"] as const,
  unsorted: ["ideas", "unsorted"] as const,
  one: (id: string) => ["ideas", "one", id] as const,
};

export function useIdeas() {
  return useQuery({
    queryKey: ideaKeys.list,
    queryFn: ({ signal }) => apiData<TIdea[]>("GET", "/api/v1/ideas", { signal }),
  });
}

export function useUnsortedIdeas(enabled = true) {
  return useQuery({
    queryKey: ideaKeys.unsorted,
    queryFn: ({ signal }) => apiData<TUnsortedIdea[]>("GET", "/api/v1/ideas/unsorted", { signal }),
    enabled,
    staleTime: 30_000,
  });
}

export function useIdea(id: string | null) {
  return useQuery({
    queryKey: ideaKeys.one(id ?? ""),
    queryFn: ({ signal }) => apiData<TIdeaDetail>("GET", `/api/v1/ideas/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

export interface IdeaRequest {
  title?: string;
  description?: string;
  kind?: IdeaKind;
  status?: IdeaStatus;
  statusNote?: string | null;
  public?: boolean;
  conversationId?: string;
}

function useIdeaMutation<Variables, Result>(call: (variables: Variables) => Promise<Result>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSettled: () => client.invalidateQueries({ queryKey: IDEAS }),
  });
}

export function useCreateIdea() {
  return useIdeaMutation((body: IdeaRequest) =>
    apiData<TIdeaDetail>("POST", "/api/v1/ideas", { body }),
  );
}

export function useUpdateIdea() {
  return useIdeaMutation(({ id, body }: { id: string; body: IdeaRequest }) =>
    apiData<TIdeaDetail>("PATCH", `/api/v1/ideas/${id}`, { body }),
  );
}

export function useLinkIdea() {
  return useIdeaMutation(({ id, conversationId }: { id: string; conversationId: string }) =>
    apiData<TIdeaDetail>("POST", `/api/v1/ideas/${id}/links`, { body: { conversationId } }),
  );
}

export function useMergeIdea() {
  return useIdeaMutation(({ id, intoId }: { id: string; intoId: string }) =>
    apiData<TIdeaDetail>("POST", `/api/v1/ideas/${id}/merge`, { body: { intoId } }),
  );
}

export function useDeleteIdea() {
  return useIdeaMutation((id: string) =>
    apiData<{ deleted: boolean }>("DELETE", `/api/v1/ideas/${id}`),
  );
}

/** Who a status change would tell and with what words; stores nothing. */
export function useIdeaStatusPreview(
  id: string,
  change: { status: IdeaStatus; statusNote: string } | null,
) {
  return useQuery({
    queryKey: ["ideas", "preview", id, change],
    queryFn: ({ signal }) =>
      apiData<TIdeaStatusPreview>("POST", `/api/v1/ideas/${id}/status-preview`, {
        body: { status: change?.status, statusNote: change?.statusNote || null },
        signal,
      }),
    enabled: change !== null,
  });
}
