import { useCallback, useMemo } from "react";
import { useParams, useSearchParams } from "react-router";
import {
  CONVERSATION_STATUSES,
  type ConversationStatus,
  PRIORITIES,
  type Priority,
  SENTIMENTS,
  type Sentiment,
} from "../../../shared/enums.ts";
import type {
  ConversationFilters,
  ConversationSort,
  InboxView,
} from "../../hooks/api/conversations.ts";

export type StatusTab = ConversationStatus | "all";
const SORTS: readonly ConversationSort[] = [
  "waiting_newest",
  "waiting_oldest",
  "recent",
  "sla_due",
];
export const FILTER_PARAMS = [
  "channel",
  "category",
  "sentiment",
  "language",
  "priority",
  "sla",
] as const;
const SLA_FILTERS = ["breached", "due_soon"] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** "mine" | "unassigned" | "all" | "team-<id>" from the URL. */
export function parseView(param: string | undefined): { view: InboxView; teamId?: string } {
  if (param === "mine" || param === "unassigned" || param === "all") return { view: param };
  if (param?.startsWith("team-")) return { view: "team", teamId: param.slice(5) };
  return { view: "mine" };
}

/** The inbox's view and filters live in the URL, so a reload or a shared link shows the same. */
export function useInboxFilters() {
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const { view, teamId } = parseView(params.view);
  const statusTab: StatusTab =
    search.get("status") === "all"
      ? "all"
      : (oneOf(CONVERSATION_STATUSES, search.get("status")) ?? "open");

  const filters = useMemo<ConversationFilters>(
    () => ({
      view,
      teamId,
      status: statusTab === "all" ? undefined : statusTab,
      channelId: search.get("channel") ?? undefined,
      category: search.get("category") ?? undefined,
      sentiment: oneOf<Sentiment>(SENTIMENTS, search.get("sentiment")),
      language: search.get("language") ?? undefined,
      priority: oneOf<Priority>(PRIORITIES, search.get("priority")),
      q: search.get("q") ?? undefined,
      sort: oneOf(SORTS, search.get("sort")) ?? "waiting_newest",
      sla: oneOf(SLA_FILTERS, search.get("sla")),
    }),
    [view, teamId, statusTab, search],
  );

  const setParam = useCallback(
    (key: string, value: string | null | undefined) => {
      setSearch(
        (current) => {
          const next = new URLSearchParams(current);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      );
    },
    [setSearch],
  );

  const clearFilters = useCallback(() => {
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        for (const key of FILTER_PARAMS) next.delete(key);
        next.delete("q");
        return next;
      },
      { replace: true },
    );
  }, [setSearch]);

  const activeFilters = FILTER_PARAMS.filter((key) => search.get(key)).length;
  const viewParam = params.view ?? "mine";
  const query = search.toString();
  const linkTo = useCallback(
    (conversationId?: string) =>
      `/inbox/${viewParam}${conversationId ? `/${conversationId}` : ""}${query ? `?${query}` : ""}`,
    [viewParam, query],
  );

  return {
    view,
    teamId,
    viewParam,
    statusTab,
    filters,
    search,
    setParam,
    clearFilters,
    activeFilters,
    linkTo,
    conversationId: params.conversationId,
  };
}
