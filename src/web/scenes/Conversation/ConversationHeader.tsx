import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  Select,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import {
  IconChevronDown,
  IconCircleCheck,
  IconClock,
  IconPhonePlus,
  IconRefresh,
} from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PRIORITIES } from "../../../shared/enums.ts";
import type { TConversation } from "../../../shared/schemas.ts";
import { ChannelIcon } from "../../components/ChannelIcon.tsx";
import { RepeatOfBadge } from "../../components/customer/RepeatOfBadge.tsx";
import { LabelBadges } from "../../components/LabelBadges.tsx";
import { SlaBadges } from "../../components/SlaClock.tsx";
import { PublicBadge, SentimentBadge } from "../../components/TriageBadges.tsx";
import {
  type ConversationChanges,
  type ConversationDetail,
  useUpdateConversation,
} from "../../hooks/api/conversations.ts";
import { useMe } from "../../hooks/api/session.ts";
import { useTeams } from "../../hooks/api/teams.ts";
import { useUsers } from "../../hooks/api/users.ts";
import { currentLocale } from "../../i18n/index.ts";
import { formatDateTime } from "../../lib/format.ts";
import { notifyError } from "../../lib/notify.ts";
import { CATEGORIES, categoryKey } from "../../lib/triage.ts";
import { useNow } from "../../lib/useNow.ts";
import { BookCallbackModal } from "../Callbacks/BookCallbackModal.tsx";
import { ConversationStoryMenu } from "../Stories/ConversationStoryMenu.tsx";
import { LabelEditor } from "./LabelEditor.tsx";
import { SnoozeMenu } from "./SnoozeMenu.tsx";
import { SpamMenuItems } from "./SpamMenuItems.tsx";
import { useResolveGuard } from "./useResolveGuard.tsx";

const STATUS_COLORS = {
  open: "blue",
  pending: "yellow",
  snoozed: "grape",
  resolved: "teal",
} as const;
const NONE = "__none__";

interface ConversationHeaderProps {
  conversation: TConversation & Pick<ConversationDetail, "repeatOf" | "resolveWarnings">;
  onDone: () => void;
}

/** Who and where, then the conversation's state: assignee, team, priority, category, status. */
export function ConversationHeader({ conversation, onDone }: ConversationHeaderProps) {
  const { t } = useTranslation();
  const { user: me } = useMe();
  const users = useUsers();
  const teams = useTeams();
  const update = useUpdateConversation(conversation.id);
  const [booking, setBooking] = useState(false);
  const [guardResolve, resolveDialog] = useResolveGuard(conversation);
  const locale = currentLocale();
  const now = useNow();
  const { contact, channel } = conversation;
  const name = contact.name ?? contact.email ?? contact.phone ?? t("contact.unknown");

  const change = (changes: ConversationChanges, after?: () => void) =>
    update.mutate(changes, { onError: notifyError, onSuccess: after });

  const agents = (users.data ?? []).filter((user) => !user.disabled);
  const assigneeData = [
    { value: NONE, label: t("assign.nobody") },
    { value: me.id, label: t("assign.me", { name: me.name }) },
    ...agents
      .filter((user) => user.id !== me.id)
      .map((user) => ({ value: user.id, label: user.name })),
  ];
  if (
    conversation.assignee &&
    !assigneeData.some((item) => item.value === conversation.assignee?.id)
  ) {
    assigneeData.push({ value: conversation.assignee.id, label: conversation.assignee.name });
  }
  const categories: string[] = [...CATEGORIES];
  if (conversation.category && !categories.includes(conversation.category))
    categories.push(conversation.category);

  return (
    <header className="rl-conv-header">
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Group gap={8} wrap="nowrap">
            {channel && <ChannelIcon kind={channel.kind} label={channel.name} size={18} />}
            <Title
              order={2}
              size="h4"
              className="rl-wrap"
              lineClamp={1}
              data-testid="conversation-title"
            >
              {name}
            </Title>
            <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
              #{conversation.number}
            </Text>
          </Group>
          <Group gap={6} mt={4} wrap="wrap">
            <Badge
              size="sm"
              variant="light"
              color={STATUS_COLORS[conversation.status]}
              data-testid="status"
            >
              {t(`statuses.${conversation.status}`)}
            </Badge>
            {conversation.spam && (
              <Badge size="sm" variant="light" color="red" data-testid="spam-badge">
                {t("spam.badge")}
              </Badge>
            )}
            {conversation.visibility === "public" && <PublicBadge />}
            {conversation.sentiment && <SentimentBadge sentiment={conversation.sentiment} />}
            {conversation.status === "snoozed" && conversation.snoozedUntil && (
              <Text size="xs" c="dimmed">
                {t("snooze.until", { date: formatDateTime(conversation.snoozedUntil, locale) })}
              </Text>
            )}
            <LabelBadges labels={conversation.labels} />
            {conversation.subject && (
              <Text size="xs" c="dimmed" lineClamp={1} className="rl-wrap">
                {conversation.subject}
              </Text>
            )}
          </Group>
        </div>
        <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
          <Tooltip label={t("callbacks.bookTitle")}>
            <ActionIcon
              size={30}
              variant="default"
              onClick={() => setBooking(true)}
              aria-label={t("callbacks.bookTitle")}
              data-testid="book-callback-open"
            >
              <IconPhonePlus size={15} />
            </ActionIcon>
          </Tooltip>
          <ConversationStoryMenu conversationId={conversation.id} />
          {conversation.status !== "snoozed" && conversation.status !== "resolved" && (
            <SnoozeMenu
              loading={update.isPending && update.variables?.snoozedUntil !== undefined}
              onSnooze={(until) => change({ snoozedUntil: until.toISOString() }, onDone)}
            />
          )}
          {conversation.status === "resolved" ? (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconRefresh size={14} />}
              onClick={() => change({ status: "open" })}
              data-testid="reopen"
            >
              {t("status.reopen")}
            </Button>
          ) : (
            <Button.Group>
              <Tooltip label={t("status.resolveHint")}>
                <Button
                  size="xs"
                  color="teal.9"
                  leftSection={<IconCircleCheck size={14} />}
                  onClick={() => guardResolve(() => change({ status: "resolved" }, onDone))}
                  loading={update.isPending && update.variables?.status === "resolved"}
                  data-testid="resolve"
                >
                  {t("status.resolve")}
                </Button>
              </Tooltip>
              <Menu position="bottom-end" shadow="md">
                <Menu.Target>
                  <Button size="xs" color="teal.9" px={6} aria-label={t("status.more")}>
                    <IconChevronDown size={14} />
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {conversation.status !== "open" && (
                    <Menu.Item
                      leftSection={<IconRefresh size={14} />}
                      onClick={() => change({ status: "open" })}
                    >
                      {t("status.markOpen")}
                    </Menu.Item>
                  )}
                  {conversation.status !== "pending" && (
                    <Menu.Item
                      leftSection={<IconClock size={14} />}
                      onClick={() => change({ status: "pending" })}
                    >
                      {t("status.markPending")}
                    </Menu.Item>
                  )}
                  <SpamMenuItems id={conversation.id} onDone={onDone} />
                </Menu.Dropdown>
              </Menu>
            </Button.Group>
          )}
        </Group>
      </Group>
      <SlaBadges conversation={conversation} now={now} locale={locale} long />
      {conversation.repeatOf && (
        <Group mt={6}>
          <RepeatOfBadge repeatOf={conversation.repeatOf} conversationId={conversation.id} />
        </Group>
      )}
      <div className="rl-props">
        <Select
          size="xs"
          label={t("assign.assignee")}
          data={assigneeData}
          value={conversation.assignee?.id ?? NONE}
          onChange={(value) => change({ assigneeId: !value || value === NONE ? null : value })}
          searchable
          allowDeselect={false}
          data-testid="assignee"
        />
        <Select
          size="xs"
          label={t("assign.team")}
          data={[
            { value: NONE, label: t("assign.noTeam") },
            ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
          ]}
          value={conversation.team?.id ?? NONE}
          onChange={(value) => change({ teamId: !value || value === NONE ? null : value })}
          allowDeselect={false}
          data-testid="team"
        />
        <Select
          size="xs"
          label={t("properties.priority")}
          data={PRIORITIES.map((priority) => ({
            value: priority,
            label: t(`priorities.${priority}`),
          }))}
          value={conversation.priority}
          onChange={(value) => value && change({ priority: value as (typeof PRIORITIES)[number] })}
          allowDeselect={false}
          data-testid="priority"
        />
        <Select
          size="xs"
          label={t("properties.category")}
          data={[
            { value: NONE, label: t("properties.noCategory") },
            ...categories.map((category) => ({
              value: category,
              label: t(categoryKey(category), { defaultValue: category }),
            })),
          ]}
          value={conversation.category ?? NONE}
          onChange={(value) => change({ category: !value || value === NONE ? null : value })}
          allowDeselect={false}
          searchable
          data-testid="category"
        />
        <LabelEditor labels={conversation.labels} onChange={(labels) => change({ labels })} />
      </div>
      {booking && (
        <BookCallbackModal conversation={conversation} onClose={() => setBooking(false)} />
      )}
      {resolveDialog}
    </header>
  );
}
