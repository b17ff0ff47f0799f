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
import { useMe } from "../../hooks/api/session.ts";

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
  "label",
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

const sortKey = (userId: string) => `relais.inbox.sort.${userId}`;

/** The sort this agent chose last (in this browser), or "longest waiting first". */
function rememberedSort(userId: string): ConversationSort {
  try {
    return oneOf(SORTS, window.localStorage.getItem(sortKey(userId))) ?? "waiting_oldest";
  } catch {
    return "waiting_oldest";
  }
}

/**
 * The inbox's view and filters live in the URL, so a reload or a shared link shows the same. A
 * search looks everywhere (all views and statuses) unless the agent keeps the view (`in=view`).
 */
export function useInboxFilters() {
  const params = useParams();
  const { user } = useMe();
  const [search, setSearch] = useSearchParams();
  const { view, teamId } = parseView(params.view);
  const statusTab: StatusTab =
    search.get("status") === "all"
      ? "all"
      : (oneOf(CONVERSATION_STATUSES, search.get("status")) ?? "open");

  const q = search.get("q") ?? undefined;
  const everywhere = Boolean(q) && search.get("in") !== "view";
  const filters = useMemo<ConversationFilters>(
    () => ({
      view: everywhere ? "all" : view,
      teamId: everywhere ? undefined : teamId,
      status: everywhere || statusTab === "all" ? undefined : statusTab,
      channelId: search.get("channel") ?? undefined,
      category: search.get("category") ?? undefined,
      sentiment: oneOf<Sentiment>(SENTIMENTS, search.get("sentiment")),
      language: search.get("language") ?? undefined,
      priority: oneOf<Priority>(PRIORITIES, search.get("priority")),
      q,
      sort: oneOf(SORTS, search.get("sort")) ?? rememberedSort(user.id),
      sla: oneOf(SLA_FILTERS, search.get("sla")),
      label: search.get("label") ?? undefined,
    }),
    [view, teamId, statusTab, search, q, everywhere, user.id],
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

  /** Sorts the list and remembers the choice for this agent. */
  const setSort = useCallback(
    (sort: ConversationSort) => {
      try {
        window.localStorage.setItem(sortKey(user.id), sort);
      } catch {
        // Storage refused (private mode): the sort still applies through the URL.
      }
      setParam("sort", sort);
    },
    [user.id, setParam],
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
    setSort,
    everywhere,
    clearFilters,
    activeFilters,
    linkTo,
    conversationId: params.conversationId,
  };
}
