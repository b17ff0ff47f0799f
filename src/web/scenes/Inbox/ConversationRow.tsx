import { Avatar, Checkbox, Group, Text, Tooltip, VisuallyHidden } from "@mantine/core";
import { IconArrowBackUp, IconClock, IconZzz } from "@tabler/icons-react";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { TConversation } from "../../../shared/schemas.ts";
import { ChannelIcon } from "../../components/ChannelIcon.tsx";
import { LabelBadges } from "../../components/LabelBadges.tsx";
import { SlaBadges } from "../../components/SlaClock.tsx";
import { TriageBadges } from "../../components/TriageBadges.tsx";
import { formatDateTime, formatDuration, formatRelative } from "../../lib/format.ts";
import { colorFor, initials } from "../../lib/people.ts";
import { MatchText } from "./MatchText.tsx";

interface ConversationRowProps {
  conversation: TConversation;
  selected: boolean;
  to: string;
  now: number;
  locale: string;
  /** Selected for a bulk action; `onCheck` gets whether Shift was held (a range). */
  checked: boolean;
  onCheck: (id: string, shift: boolean) => void;
}

const LONG_WAIT_MS = 60 * 60_000;

/** One conversation in the inbox: who, where, what they said last, how long they have waited. */
export const ConversationRow = memo(function ConversationRow({
  conversation,
  selected,
  to,
  now,
  locale,
  checked,
  onCheck,
}: ConversationRowProps) {
  const { t } = useTranslation();
  const { contact, channel, lastMessage, waitingSince, assignee } = conversation;
  const name = contact.name ?? contact.email ?? contact.phone ?? t("contact.unknown");
  const waited = waitingSince ? now - new Date(waitingSince).getTime() : null;
  const preview = lastMessage?.text ?? conversation.subject ?? "";
  const fromUs = lastMessage?.direction === "out";

  return (
    <div className="rl-row-line" data-checked={checked || undefined}>
      <Checkbox
        size="xs"
        className="rl-row-check"
        checked={checked}
        aria-label={t("bulk.select", { name })}
        onChange={() => undefined}
        onClick={(event) => onCheck(conversation.id, event.shiftKey)}
        data-testid="row-check"
      />
      <Link
        to={to}
        className="rl-row"
        data-selected={selected || undefined}
        data-unread={conversation.unread || undefined}
        data-conversation-id={conversation.id}
        aria-current={selected ? "page" : undefined}
      >
        <span className="rl-row-unread">
          {conversation.unread && <VisuallyHidden>{t("inbox.unread")}</VisuallyHidden>}
        </span>
        <Avatar
          size={32}
          radius="xl"
          color={colorFor(contact.id)}
          variant="light"
          className="rl-row-avatar"
        >
          {initials(name)}
        </Avatar>
        <div className="rl-row-body">
          <Group gap={6} wrap="nowrap" justify="space-between">
            <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
              {channel && <ChannelIcon kind={channel.kind} label={channel.name} size={15} />}
              <Text
                size="sm"
                fw={conversation.unread ? 700 : 500}
                truncate="end"
                className="rl-row-name"
              >
                {name}
              </Text>
            </Group>
            <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
              {assignee && (
                <Tooltip label={t("inbox.assignedTo", { name: assignee.name })}>
                  <Avatar
                    size={18}
                    radius="xl"
                    color={colorFor(assignee.id)}
                    data-testid="row-assignee"
                  >
                    <span style={{ fontSize: 9 }}>{initials(assignee.name)}</span>
                  </Avatar>
                </Tooltip>
              )}
              {waited !== null ? (
                <Tooltip
                  label={t("inbox.waitingSince", {
                    date: formatDateTime(waitingSince ?? "", locale),
                  })}
                >
                  <Group
                    gap={3}
                    wrap="nowrap"
                    className="rl-row-wait"
                    data-long={waited > LONG_WAIT_MS || undefined}
                  >
                    <IconClock size={12} />
                    <Text size="xs" fw={600} span>
                      {waited < 60_000 ? t("inbox.justNow") : formatDuration(waited, locale)}
                    </Text>
                  </Group>
                </Tooltip>
              ) : (
                <Text size="xs" c="dimmed" className="rl-row-time">
                  {conversation.status === "snoozed" && conversation.snoozedUntil ? (
                    <Group gap={3} wrap="nowrap" component="span">
                      <IconZzz size={12} />
                      {formatRelative(conversation.snoozedUntil, locale, now)}
                    </Group>
                  ) : (
                    formatRelative(conversation.lastMessageAt, locale, now)
                  )}
                </Text>
              )}
            </Group>
          </Group>
          <Text size="xs" c="dimmed" lineClamp={2} className="rl-row-preview">
            {conversation.match ? (
              <MatchText match={conversation.match} />
            ) : (
              <>
                {fromUs && (
                  <IconArrowBackUp
                    size={12}
                    className="rl-row-replied"
                    aria-label={t("inbox.youReplied")}
                  />
                )}
                {preview || t("inbox.noMessage")}
              </>
            )}
          </Text>
          <LabelBadges labels={conversation.labels} />
          <TriageBadges conversation={conversation} />
          <SlaBadges conversation={conversation} now={now} locale={locale} />
        </div>
      </Link>
    </div>
  );
});
