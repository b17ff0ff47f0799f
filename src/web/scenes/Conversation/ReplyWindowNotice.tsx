import { Group, Text, Tooltip } from "@mantine/core";
import { IconClockX, IconHourglassHigh } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../lib/format.ts";
import type { ReplyWindow } from "../../lib/replyWindow.ts";

const MINUTE = 60_000;
/** Under this, the agent is warned that the window is about to close. */
const CLOSING_SOON_MS = 60 * MINUTE;

/** "5 h 12 min", "12 min": what is left of the window, to the minute (rounded down). */
export function windowLeft(ms: number, t: TFunction): string {
  const minutes = Math.max(0, Math.floor(ms / MINUTE));
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return t("replyWindow.minutes", { minutes });
  return t("replyWindow.hoursMinutes", { hours, minutes: minutes % 60 });
}

interface ReplyWindowNoticeProps {
  value: Exclude<ReplyWindow, { state: "none" }>;
  locale: string;
}

/** Whether free text can still reach the customer (WhatsApp's 24-hour window), and until when. */
export function ReplyWindowNotice({ value, locale }: ReplyWindowNoticeProps) {
  const { t } = useTranslation();
  if (value.state === "open") {
    const soon = value.remainingMs < CLOSING_SOON_MS;
    return (
      <Tooltip
        label={t("replyWindow.openHelp", {
          time: formatDateTime(new Date(value.closesAt).toISOString(), locale),
        })}
        multiline
        w={300}
        position="top-start"
      >
        <Group
          gap={6}
          wrap="nowrap"
          className="rl-window"
          data-state="open"
          data-soon={soon ? "true" : undefined}
          data-testid="reply-window"
        >
          <IconHourglassHigh size={15} />
          <Text size="xs" fw={500} truncate="end">
            {t("replyWindow.open", { time: windowLeft(value.remainingMs, t) })}
          </Text>
        </Group>
      </Tooltip>
    );
  }
  const last = value.lastInboundAt;
  return (
    <Tooltip
      label={
        last === null
          ? t("replyWindow.closedNeverHelp")
          : t("replyWindow.closedHelp", {
              time: formatDateTime(new Date(last).toISOString(), locale),
            })
      }
      multiline
      w={300}
      position="top-start"
    >
      <Group
        gap={6}
        wrap="nowrap"
        className="rl-window"
        data-state="closed"
        data-testid="reply-window"
      >
        <IconClockX size={15} style={{ flexShrink: 0 }} />
        <Text size="xs" fw={500} className="rl-wrap">
          {t("replyWindow.closed")}
        </Text>
      </Group>
    </Tooltip>
  );
}
