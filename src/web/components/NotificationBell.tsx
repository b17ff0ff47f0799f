import {
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
  VisuallyHidden,
} from "@mantine/core";
import { IconAt, IconBell, IconBolt, IconPhoneCall } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { TNotification } from "../../shared/notifications.ts";
import { useMarkNotificationsRead, useNotifications } from "../hooks/api/notifications.ts";
import { currentLocale } from "../i18n/index.ts";
import { formatRelative } from "../lib/format.ts";
import { structuredNotificationText } from "../lib/notificationText.ts";
import { notifyError } from "../lib/notify.ts";
import "./notifications.css";

/** What the bell says for each kind that carries no text of its own. */
const KIND_TEXT: Record<TNotification["kind"], string> = {
  rule: "live.notification",
  callback_due: "live.callbackDue",
  sla_warning: "live.slaWarning",
  sla_breached: "live.slaBreached",
  promise_broken: "live.promiseBroken",
  other: "live.notification",
  mention: "live.notification",
  listening_spike: "listening.nav",
};

function NotificationIcon({ kind }: { kind: TNotification["kind"] }) {
  if (kind === "callback_due") return <IconPhoneCall size={16} />;
  if (kind === "rule") return <IconBolt size={16} />;
  if (kind === "mention") return <IconAt size={16} />;
  return <IconBell size={16} />;
}

/**
 * The bell in the navigation: how many notifications the agent has not read, and the list of
 * them (rules' messages, callbacks due), kept across reloads. Opening one marks it and the older
 * ones read and goes to its conversation.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const locale = currentLocale();
  const [opened, setOpened] = useState(false);
  const notifications = useNotifications();
  const markRead = useMarkNotificationsRead();
  const unread = notifications.data?.pages[0]?.unread ?? 0;
  const items = notifications.data?.pages.flatMap((page) => page.data) ?? [];
  const label =
    unread > 0 ? t("notifications.unread", { count: unread }) : t("notifications.title");

  const open = (notification: TNotification) => {
    if (!notification.read) markRead.mutate(notification.id, { onError: notifyError });
    setOpened(false);
    if (notification.conversationId) navigate(`/inbox/all/${notification.conversationId}`);
  };

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="right-end"
      width={360}
      shadow="md"
      withinPortal
    >
      <Popover.Target>
        <Tooltip label={label} disabled={opened}>
          <UnstyledButton
            className="rl-icon-button"
            aria-label={label}
            onClick={() => setOpened((value) => !value)}
            data-testid="notification-bell"
          >
            <Indicator
              disabled={unread === 0}
              label={unread > 99 ? "99+" : unread}
              size={16}
              offset={2}
              color="red"
              data-testid="notification-count"
            >
              <IconBell size={18} />
            </Indicator>
          </UnstyledButton>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="notification-list" aria-label={t("notifications.title")}>
        <Group justify="space-between" px="md" py="sm" className="rl-notifications-head">
          <Text fw={600} size="sm">
            {t("notifications.title")}
          </Text>
          <Button
            variant="subtle"
            size="compact-xs"
            disabled={unread === 0 || markRead.isPending}
            onClick={() => markRead.mutate(undefined, { onError: notifyError })}
            data-testid="notifications-read-all"
          >
            {t("notifications.readAll")}
          </Button>
        </Group>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed" px="md" pb="md">
            {notifications.isLoading ? t("notifications.loading") : t("notifications.empty")}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={420}>
            <Stack gap={0} pb={4}>
              {items.map((notification) => (
                <UnstyledButton
                  key={notification.id}
                  className="rl-notification"
                  data-unread={!notification.read}
                  data-notification-id={notification.id}
                  onClick={() => open(notification)}
                >
                  <Group gap="sm" wrap="nowrap" align="flex-start">
                    <span className="rl-notification-icon">
                      <NotificationIcon kind={notification.kind} />
                    </span>
                    <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                      <Text size="sm" className="rl-wrap" fw={notification.read ? 400 : 600}>
                        {notification.text ??
                          structuredNotificationText(t, notification.kind, notification.params) ??
                          t(KIND_TEXT[notification.kind])}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {formatRelative(notification.createdAt, locale)}
                      </Text>
                    </Stack>
                    {!notification.read && (
                      <span className="rl-notification-dot" title={t("notifications.new")}>
                        <VisuallyHidden>{t("notifications.new")}</VisuallyHidden>
                      </span>
                    )}
                  </Group>
                </UnstyledButton>
              ))}
              {notifications.hasNextPage && (
                <Button
                  variant="subtle"
                  size="xs"
                  m="xs"
                  loading={notifications.isFetchingNextPage}
                  onClick={() => void notifications.fetchNextPage()}
                >
                  {t("notifications.more")}
                </Button>
              )}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
