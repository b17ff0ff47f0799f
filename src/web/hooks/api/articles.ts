import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  TArticle,
  TArticleCategory,
  TArticleCreateRequest,
  TArticleRevision,
  TArticleStats,
  THelpCentre,
  THelpCentreSettingsUpdate,
  TUnansweredSearch,
} from "../../../shared/articles.ts";
import { apiData } from "../../lib/api.ts";

const ARTICLES = ["articles"] as const;
const CATEGORIES = ["article-categories"] as const;
const HELP_CENTRE = ["help-centre"] as const;

/** The account's articles (drafts included), optionally searched. */
export function useArticles(q = "") {
  const query = q.trim() ? `?q=${encodeURIComponent(q.trim())}` : "";
  return useQuery({
    queryKey: [...ARTICLES, q.trim()],
    queryFn: ({ signal }) => apiData<TArticle[]>("GET", `/api/v1/articles${query}`, { signal }),
  });
}

export function useArticle(id: string | null) {
  return useQuery({
    queryKey: [...ARTICLES, "one", id],
    queryFn: ({ signal }) => apiData<TArticle>("GET", `/api/v1/articles/${id}`, { signal }),
    enabled: id !== null,
  });
}

export function useArticleRevisions(id: string | null) {
  return useQuery({
    queryKey: [...ARTICLES, "revisions", id],
    queryFn: ({ signal }) =>
      apiData<TArticleRevision[]>("GET", `/api/v1/articles/${id}/revisions`, { signal }),
    enabled: id !== null,
  });
}

export function useArticleStats(id: string | null) {
  return useQuery({
    queryKey: [...ARTICLES, "stats", id],
    queryFn: ({ signal }) =>
      apiData<TArticleStats>("GET", `/api/v1/articles/${id}/stats`, { signal }),
    enabled: id !== null,
  });
}

export type ArticleChanges = Partial<Omit<TArticleCreateRequest, "locale">> & {
  locale?: TArticleCreateRequest["locale"];
};

export function useSaveArticle() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: ArticleChanges }) => {
      if (id) {
        const { locale: _locale, ...changes } = body;
        return apiData<TArticle>("PATCH", `/api/v1/articles/${id}`, { body: changes });
      }
      return apiData<TArticle>("POST", "/api/v1/articles", { body });
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: ARTICLES }),
  });
}

export function useDeleteArticle() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiData<{ deleted: boolean }>("DELETE", `/api/v1/articles/${id}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ARTICLES }),
  });
}

export function useArticleCategories() {
  return useQuery({
    queryKey: CATEGORIES,
    queryFn: ({ signal }) =>
      apiData<TArticleCategory[]>("GET", "/api/v1/article-categories", { signal }),
    staleTime: 60_000,
  });
}

export function useCreateArticleCategory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: { fr: string; en: string } }) =>
      apiData<TArticleCategory>("POST", "/api/v1/article-categories", { body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: CATEGORIES }),
  });
}

export function useHelpCentre() {
  return useQuery({
    queryKey: HELP_CENTRE,
    queryFn: ({ signal }) => apiData<THelpCentre>("GET", "/api/v1/help-centre", { signal }),
  });
}

export function useSaveHelpCentre() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: THelpCentreSettingsUpdate) =>
      apiData<THelpCentre>("PATCH", "/api/v1/help-centre", { body }),
    onSuccess: (data) => client.setQueryData(HELP_CENTRE, data),
  });
}

export function useUnansweredSearches() {
  return useQuery({
    queryKey: [...HELP_CENTRE, "unanswered"],
    queryFn: ({ signal }) =>
      apiData<TUnansweredSearch[]>("GET", "/api/v1/help-centre/unanswered-searches", { signal }),
  });
}
