import { Group, Text, Tooltip } from "@mantine/core";
import { IconClockX, IconHourglassHigh, IconUserCheck } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatSpan } from "../../lib/format.ts";
import type { ReplyWindow } from "../../lib/replyWindow.ts";

const MINUTE = 60_000;
/** Under this, the agent is warned that the window is about to close. */
const CLOSING_SOON_MS = 60 * MINUTE;

/** "2 j 5 h", "5 h 12 min", "12 min": what is left of the window (rounded down). */
export function windowLeft(ms: number, locale: string): string {
  return formatSpan(Math.floor(Math.max(0, ms) / MINUTE) * MINUTE, locale);
}

type Open = Extract<ReplyWindow, { state: "open" }>;
type Closed = Extract<ReplyWindow, { state: "closed" }>;

/** The label and the explanation of an open window, by phase and by what follows it. */
function openTexts(value: Open, t: TFunction, locale: string) {
  const time = formatDateTime(new Date(value.closesAt).toISOString(), locale);
  const left = windowLeft(value.remainingMs, locale);
  if (value.phase === "humanAgent") {
    return {
      label: t("replyWindow.humanAgent", { time: left }),
      help: t("replyWindow.humanAgentHelp", { time }),
    };
  }
  if (value.phase === "privateReply") {
    return {
      label: t("replyWindow.privateReply", { time: left }),
      help: t("replyWindow.privateReplyHelp", { time }),
    };
  }
  const help =
    value.next === "templates"
      ? "replyWindow.openHelp"
      : value.next === "humanAgent"
        ? "replyWindow.metaOpenHelp"
        : "replyWindow.metaOpenHelpNoAgent";
  return { label: t("replyWindow.open", { time: left }), help: t(help, { time }) };
}

/** The label and the explanation of a closed window, by reason. */
function closedTexts(value: Closed, t: TFunction, locale: string) {
  const last = value.lastInboundAt;
  const time = last === null ? "" : formatDateTime(new Date(last).toISOString(), locale);
  switch (value.reason) {
    case "templates":
      return {
        label: t("replyWindow.closed"),
        help:
          last === null ? t("replyWindow.closedNeverHelp") : t("replyWindow.closedHelp", { time }),
      };
    case "expired":
      if (last === null) {
        return { label: t("replyWindow.expiredNever"), help: t("replyWindow.expiredNeverHelp") };
      }
      return value.humanAgent
        ? { label: t("replyWindow.expired"), help: t("replyWindow.expiredHelp", { time }) }
        : {
            label: t("replyWindow.expiredNoAgent"),
            help: t("replyWindow.expiredNoAgentHelp", { time }),
          };
    case "privateReplyExpired":
      return {
        label: t("replyWindow.privateReplyExpired"),
        help: t("replyWindow.privateReplyExpiredHelp", { time }),
      };
    case "privateReplyUsed":
      return {
        label: t("replyWindow.privateReplyUsed"),
        help: t("replyWindow.privateReplyUsedHelp"),
      };
    case "refused":
      return { label: t("replyWindow.refused"), help: t("replyWindow.refusedHelp") };
  }
}

interface ReplyWindowNoticeProps {
  value: Exclude<ReplyWindow, { state: "none" }>;
  locale: string;
}

/**
 * Whether a reply can still reach the customer, and until when: WhatsApp's 24-hour window,
 * Messenger's and Instagram's 24 hours then 7 days for a human agent, a private reply to a
 * comment within 7 days.
 */
export function ReplyWindowNotice({ value, locale }: ReplyWindowNoticeProps) {
  const { t } = useTranslation();
  if (value.state === "open") {
    const soon = value.remainingMs < CLOSING_SOON_MS;
    const { label, help } = openTexts(value, t, locale);
    return (
      <Tooltip label={help} multiline w={300} position="top-start">
        <Group
          gap={6}
          wrap="nowrap"
          className="rl-window"
          data-state="open"
          data-phase={value.phase}
          data-soon={soon ? "true" : undefined}
          data-testid="reply-window"
        >
          {value.phase === "humanAgent" ? (
            <IconUserCheck size={15} />
          ) : (
            <IconHourglassHigh size={15} />
          )}
          <Text size="xs" fw={500} truncate="end">
            {label}
          </Text>
        </Group>
      </Tooltip>
    );
  }
  const { label, help } = closedTexts(value, t, locale);
  return (
    <Tooltip label={help} multiline w={300} position="top-start">
      <Group
        gap={6}
        wrap="nowrap"
        className="rl-window"
        data-state="closed"
        data-reason={value.reason}
        data-testid="reply-window"
      >
        <IconClockX size={15} style={{ flexShrink: 0 }} />
        <Text size="xs" fw={500} className="rl-wrap">
          {label}
        </Text>
      </Group>
    </Tooltip>
  );
}
