import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { StoryStatus, TStory } from "../../../shared/stories.ts";
import { apiData, withQuery } from "../../lib/api.ts";

const STORIES = ["stories"] as const;
const WEEK_MS = 7 * 86_400_000;

/** The account's drafts or published stories, newest first. */
export function useStories(status: StoryStatus) {
  return useQuery({
    queryKey: [...STORIES, status],
    queryFn: ({ signal }) =>
      apiData<TStory[]>("GET", withQuery("/api/v1/stories", { status }), { signal }),
  });
}

/** "This week's story": the latest story published in the last seven days, if any. */
export function useWeeklyStory() {
  return useQuery({
    queryKey: [...STORIES, "week"],
    queryFn: async ({ signal }) => {
      const since = new Date(Date.now() - WEEK_MS).toISOString();
      const path = withQuery("/api/v1/stories", { status: "published", since, limit: 1 });
      const [story] = await apiData<TStory[]>("GET", path, { signal });
      return story ?? null;
    },
    staleTime: 60_000,
  });
}

export function useCreateStory(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { title: string; summary: string }) =>
      apiData<TStory>("POST", `/api/v1/conversations/${conversationId}/story`, { body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: STORIES }),
  });
}

export function usePublishStory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiData<TStory>("POST", `/api/v1/stories/${id}/publish`),
    onSuccess: () => void client.invalidateQueries({ queryKey: STORIES }),
  });
}

export function useDeleteStory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiData<{ deleted: boolean }>("DELETE", `/api/v1/stories/${id}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: STORIES }),
  });
}

/** The story's Markdown file (the session cookie authenticates the download). */
export function storyExportUrl(id: string): string {
  return `/api/v1/stories/${id}/export.md`;
}
