import { Anchor, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconBell } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { EventPayload, LiveEvent } from "../../shared/events.ts";
import { useNotificationSettings } from "../hooks/api/notificationSettings.ts";
import { useMe } from "../hooks/api/session.ts";
import { liveNotificationKind, structuredNotificationText } from "../lib/notificationText.ts";
import { useLiveEvent } from "./LiveProvider.tsx";

/** Notifications carry more than ids: a rule's text and whom it is for. */
type NotificationPayload = EventPayload & { text?: unknown; userIds?: unknown };

function isForMe(payload: NotificationPayload, userId: string, teamIds: string[]): boolean {
  if (Array.isArray(payload.userIds) && payload.userIds.length > 0)
    return payload.userIds.includes(userId);
  if (payload.userId) return payload.userId === userId;
  if (payload.teamId) return teamIds.includes(payload.teamId);
  return true;
}

/** `notification.created` events (rules, callbacks due) shown to the agents they name. */
export function LiveNotifications() {
  const { t } = useTranslation();
  const { user } = useMe();
  const navigate = useNavigate();
  const settings = useNotificationSettings();

  useLiveEvent((event: LiveEvent) => {
    if (event.name !== "notification.created") return;
    const payload = event.payload as NotificationPayload;
    if (!isForMe(payload, user.id, user.teamIds)) return;
    const kind = liveNotificationKind(payload);
    // The kinds the agent chose not to ring in the app stay silent (and out of the bell's list).
    if (settings.data?.settings.some((setting) => setting.kind === kind && !setting.inApp)) return;
    const text =
      typeof payload.text === "string" && payload.text
        ? payload.text
        : structuredNotificationText(t, kind, payload.params);
    const conversationId = payload.conversationId;
    notifications.show({
      color: "brand",
      icon: <IconBell size={16} />,
      autoClose: 8000,
      title: t("live.notificationTitle"),
      message: (
        <>
          <Text size="sm" className="rl-wrap">
            {text}
          </Text>
          {conversationId && (
            <Anchor
              size="sm"
              component="button"
              onClick={() => navigate(`/inbox/all/${conversationId}`)}
            >
              {t("live.openIt")}
            </Anchor>
          )}
        </>
      ),
    });
  });
  return null;
}
