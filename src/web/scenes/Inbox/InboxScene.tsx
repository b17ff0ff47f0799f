import { Center, EmptyState, Group, Kbd, Text } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { IconMessages } from "@tabler/icons-react";
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useConversationList } from "../../hooks/api/conversations.ts";
import { useTeams } from "../../hooks/api/teams.ts";
import { ConversationScene } from "../Conversation/ConversationScene.tsx";
import { ConversationList } from "./ConversationList.tsx";
import { useInboxFilters } from "./useInboxFilters.ts";

function NoSelection() {
  const { t } = useTranslation();
  return (
    <Center className="rl-conversation rl-conversation-empty">
      <EmptyState
        icon={<IconMessages size={28} />}
        withIndicatorBackground
        title={t("inbox.selectTitle")}
        description={
          <Group gap={4} justify="center" component="span">
            <Text span size="sm" c="dimmed">
              {t("inbox.selectHelp")}
            </Text>
            <Kbd size="xs">j</Kbd>
            <Kbd size="xs">k</Kbd>
            <Text span size="sm" c="dimmed">
              · <Kbd size="xs">?</Kbd> {t("shortcuts.title").toLowerCase()}
            </Text>
          </Group>
        }
      />
    </Center>
  );
}

/** The three panes: list of the current view, the open conversation, its customer. */
export function InboxScene() {
  const { t } = useTranslation();
  const inbox = useInboxFilters();
  const list = useConversationList(inbox.filters);
  const teams = useTeams();
  const navigate = useNavigate();
  const ids = useMemo(
    () =>
      list.data?.pages.flatMap((page) => page.data.map((conversation) => conversation.id)) ?? [],
    [list.data],
  );
  const { conversationId, linkTo } = inbox;

  const move = useCallback(
    (delta: number) => {
      if (ids.length === 0) return;
      const index = conversationId ? ids.indexOf(conversationId) : -1;
      const next = index < 0 ? 0 : Math.min(ids.length - 1, Math.max(0, index + delta));
      const id = ids[next];
      if (id && id !== conversationId) navigate(linkTo(id));
      if (delta > 0 && next >= ids.length - 3 && list.hasNextPage) void list.fetchNextPage();
    },
    [ids, conversationId, linkTo, navigate, list],
  );

  /** After resolving or snoozing: on to the next conversation, as in a to-do list. */
  const goToNeighbour = useCallback(() => {
    if (!conversationId) return;
    const index = ids.indexOf(conversationId);
    const rest = ids.filter((id) => id !== conversationId);
    const next = index < 0 ? rest[0] : (rest[index] ?? rest[index - 1]);
    navigate(linkTo(next), { replace: true });
  }, [ids, conversationId, linkTo, navigate]);

  useHotkeys([
    ["j", () => move(1)],
    ["k", () => move(-1)],
  ]);

  const title =
    inbox.view === "team"
      ? (teams.data?.find((team) => team.id === inbox.teamId)?.name ?? t("views.team"))
      : t(`views.${inbox.view}`);

  return (
    <div className="rl-inbox">
      <ConversationList title={title} inbox={inbox} list={list} />
      {conversationId ? (
        <ConversationScene key={conversationId} id={conversationId} onDone={goToNeighbour} />
      ) : (
        <NoSelection />
      )}
    </div>
  );
}
