import {
  ActionIcon,
  Button,
  Center,
  Group,
  Loader,
  Menu,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Tooltip,
  VisuallyHidden,
} from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { IconCheck, IconChevronDown, IconSortDescending } from "@tabler/icons-react";
import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../components/ErrorState.tsx";
import type { ConversationPage, ConversationSort } from "../../hooks/api/conversations.ts";
import { currentLocale } from "../../i18n/index.ts";
import { useNow } from "../../lib/useNow.ts";
import { BulkBar } from "./BulkBar.tsx";
import { ConversationRow } from "./ConversationRow.tsx";
import { EmptyList } from "./EmptyList.tsx";
import { FilterMenu } from "./FilterMenu.tsx";
import { QueueSummary } from "./QueueSummary.tsx";
import { SearchBox } from "./SearchBox.tsx";
import type { StatusTab, useInboxFilters } from "./useInboxFilters.ts";
import { useSelection } from "./useSelection.ts";

const TABS: StatusTab[] = ["open", "pending", "snoozed", "resolved", "all"];
const SORTS: ConversationSort[] = ["waiting_newest", "waiting_oldest", "recent", "sla_due"];

interface ConversationListProps {
  title: string;
  inbox: ReturnType<typeof useInboxFilters>;
  list: UseInfiniteQueryResult<InfiniteData<ConversationPage>>;
}

/** The middle pane: search, filters, status tabs with counts, and the conversations. */
export function ConversationList({ title, inbox, list }: ConversationListProps) {
  const { t } = useTranslation();
  const now = useNow();
  const locale = currentLocale();
  const sentinel = useRef<HTMLDivElement>(null);
  const conversations = list.data?.pages.flatMap((page) => page.data) ?? [];
  const counts = list.data?.pages[0]?.counts;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const searching = Boolean(inbox.filters.q) || inbox.activeFilters > 0;
  const selection = useSelection(conversations.map((conversation) => conversation.id));

  useHotkeys([["x", () => inbox.conversationId && selection.toggle(inbox.conversationId, false)]]);

  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage)
        void fetchNextPage();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  useEffect(() => {
    if (!inbox.conversationId) return;
    const row = document.querySelector(`[data-conversation-id="${inbox.conversationId}"]`);
    row?.scrollIntoView({ block: "nearest" });
  }, [inbox.conversationId]);

  const total = (tab: StatusTab) => {
    if (!counts) return null;
    if (tab === "all") return counts.open + counts.pending + counts.snoozed + counts.resolved;
    return counts[tab];
  };

  return (
    <section className="rl-list" aria-label={title}>
      <div className="rl-list-header">
        <Group justify="space-between" wrap="nowrap" mb={8}>
          <Text fw={600} size="md" truncate="end" data-testid="view-title">
            {title}
          </Text>
          <Group gap={2} wrap="nowrap">
            <Menu position="bottom-end" shadow="md" width={200}>
              <Menu.Target>
                <Button
                  size="compact-xs"
                  variant={inbox.statusTab === "open" ? "subtle" : "light"}
                  color={inbox.statusTab === "open" ? "gray" : "brand"}
                  rightSection={<IconChevronDown size={12} />}
                  data-testid="status-menu"
                  mr={2}
                >
                  <VisuallyHidden>{t("inbox.status")} :</VisuallyHidden>
                  {t(`statusTabs.${inbox.statusTab}`)}
                  {total(inbox.statusTab) !== null && (
                    <span className="rl-tab-count">{total(inbox.statusTab)}</span>
                  )}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t("inbox.status")}</Menu.Label>
                {TABS.map((tab) => (
                  <Menu.Item
                    key={tab}
                    onClick={() => inbox.setParam("status", tab === "open" ? null : tab)}
                    leftSection={
                      inbox.statusTab === tab ? (
                        <IconCheck size={14} />
                      ) : (
                        <span style={{ width: 14 }} />
                      )
                    }
                    rightSection={<span className="rl-tab-count">{total(tab) ?? ""}</span>}
                    data-status-tab={tab}
                  >
                    {t(`statusTabs.${tab}`)}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
            <Menu position="bottom-end" shadow="md">
              <Menu.Target>
                <Tooltip label={t("sort.title")}>
                  <ActionIcon variant="subtle" color="gray" aria-label={t("sort.title")}>
                    <IconSortDescending size={17} />
                  </ActionIcon>
                </Tooltip>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t("sort.title")}</Menu.Label>
                {SORTS.map((sort) => (
                  <Menu.Item
                    key={sort}
                    onClick={() => inbox.setSort(sort)}
                    rightSection={inbox.filters.sort === sort ? <IconCheck size={14} /> : null}
                  >
                    {t(sort === "sla_due" ? "sla.sortNearestDue" : `sort.${sort}`)}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
            <FilterMenu inbox={inbox} />
          </Group>
        </Group>
        {selection.ids.length > 0 ? (
          <BulkBar ids={selection.ids} onDone={selection.clear} />
        ) : (
          <QueueSummary />
        )}
        <SearchBox value={inbox.filters.q ?? ""} onChange={(value) => inbox.setParam("q", value)} />
        {inbox.filters.q && (
          <SegmentedControl
            size="xs"
            mt={6}
            fullWidth
            aria-label={t("searchScope.label")}
            value={inbox.everywhere ? "everywhere" : "view"}
            onChange={(value) => inbox.setParam("in", value === "view" ? "view" : null)}
            data={[
              { value: "everywhere", label: t("searchScope.everywhere") },
              { value: "view", label: `${t("searchScope.view")} · ${title}` },
            ]}
            data-testid="search-scope"
          />
        )}
        <div className="rl-list-gap" />
      </div>
      <div className="rl-list-scroll" data-testid="conversation-list">
        {list.isPending && (
          <Stack gap={0} p={8}>
            {[0, 1, 2, 3, 4].map((key) => (
              <Skeleton key={key} height={64} radius="md" mb={8} />
            ))}
          </Stack>
        )}
        {list.isError && <ErrorState error={list.error} onRetry={() => list.refetch()} />}
        {list.isSuccess && conversations.length === 0 && (
          <Center h="70%" px="lg">
            <EmptyList inbox={inbox} searching={searching} />
          </Center>
        )}
        {conversations.map((conversation) => (
          <ConversationRow
            key={conversation.id}
            conversation={conversation}
            selected={conversation.id === inbox.conversationId}
            to={inbox.linkTo(conversation.id)}
            now={now}
            locale={locale}
            checked={selection.has(conversation.id)}
            onCheck={selection.toggle}
          />
        ))}
        <div ref={sentinel} />
        {isFetchingNextPage && (
          <Center p="sm">
            <Loader size="xs" />
          </Center>
        )}
      </div>
    </section>
  );
}
