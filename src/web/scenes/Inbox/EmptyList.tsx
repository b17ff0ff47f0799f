import { Button, EmptyState } from "@mantine/core";
import { IconInboxOff, IconSearchOff, IconUserQuestion } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useConversationCounts } from "../../hooks/api/conversations.ts";
import type { useInboxFilters } from "./useInboxFilters.ts";

interface EmptyListProps {
  inbox: ReturnType<typeof useInboxFilters>;
  searching: boolean;
}

/**
 * What an empty list says. An empty "Mine" while conversations nobody holds are waiting says
 * how many, with one click to them, rather than "nothing waiting".
 */
export function EmptyList({ inbox, searching }: EmptyListProps) {
  const { t } = useTranslation();
  // The same request as the navigation's "Unassigned" badge.
  const unassigned = useConversationCounts({ view: "unassigned" }).data?.open;
  const mine = inbox.view === "mine" && inbox.statusTab === "open" && !searching;
  // Until the count is known, say nothing rather than "nothing waiting".
  if (mine && unassigned === undefined) return null;
  if (mine && unassigned) {
    return (
      <EmptyState
        icon={<IconInboxOff size={26} />}
        withIndicatorBackground
        title={t("waitingWork.title")}
        description={t("waitingWork.description", { count: unassigned })}
        size="sm"
        // Darker than the default dimmed grey, and a deeper blue: both readable (WCAG AA).
        styles={{ description: { color: "var(--mantine-color-gray-7)" } }}
        data-testid="list-empty"
      >
        <EmptyState.Actions>
          <Button
            component={Link}
            to="/inbox/unassigned"
            size="xs"
            color="brand.7"
            leftSection={<IconUserQuestion size={14} />}
            data-testid="show-unassigned"
          >
            {t("waitingWork.show", { count: unassigned })}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  }
  return (
    <EmptyState
      icon={searching ? <IconSearchOff size={26} /> : <IconInboxOff size={26} />}
      withIndicatorBackground
      title={searching ? t("inbox.noResults") : t(`inbox.empty.${inbox.statusTab}`)}
      description={searching ? t("inbox.noResultsHelp") : t("inbox.emptyHelp")}
      size="sm"
      data-testid="list-empty"
    >
      {searching && (
        <EmptyState.Actions>
          <Button size="xs" variant="light" onClick={inbox.clearFilters}>
            {t("filters.clear")}
          </Button>
        </EmptyState.Actions>
      )}
    </EmptyState>
  );
}
