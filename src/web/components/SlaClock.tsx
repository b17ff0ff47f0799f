import { Badge, Group, Tooltip, VisuallyHidden } from "@mantine/core";
import {
  IconAlarm,
  IconAlertTriangle,
  IconCalendarCheck,
  IconPlayerPause,
} from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import "./sla.css";
import type { TConversation } from "../../shared/schemas.ts";
import { formatDateTime, formatDuration } from "../lib/format.ts";
import { type SlaClockTone, slaClockState } from "../lib/slaClock.ts";

/** Badge colour and text colour: the darker shade keeps the words readable (WCAG AA). */
const COLORS: Record<SlaClockTone, { variant: "outline" | "filled"; color: string; c: string }> = {
  ok: { variant: "outline", color: "teal.9", c: "teal.9" },
  warning: { variant: "filled", color: "orange.3", c: "dark.9" },
  breached: { variant: "filled", color: "red.9", c: "white" },
  paused: { variant: "outline", color: "gray.7", c: "gray.7" },
};

const ICONS: Record<SlaClockTone, typeof IconAlarm> = {
  ok: IconAlarm,
  warning: IconAlarm,
  breached: IconAlertTriangle,
  paused: IconPlayerPause,
};

interface SlaClockProps {
  conversation: Pick<TConversation, "sla" | "openPromise">;
  now: number;
  locale: string;
  /** The header's clock names its target and takes the focus; the row's is shorter. */
  long?: boolean;
}

/**
 * The conversation's nearest SLA clock: green while on time, amber when breaching soon, red once
 * late, grey while it waits on the customer. The colour is never the only signal: the words say
 * it too, for screen readers and for colour-blind agents.
 */
export function SlaClock({ conversation, now, locale, long }: SlaClockProps) {
  const { t } = useTranslation();
  const state = slaClockState(conversation.sla, now);
  if (!state) return null;
  const Icon = ICONS[state.tone];
  const target = state.target ? t(`sla.targets.${state.target}`) : "";
  const left =
    state.remainingMs === null ? "" : formatDuration(Math.abs(state.remainingMs), locale);
  const short =
    state.tone === "paused"
      ? t("sla.clock.paused")
      : state.tone === "breached"
        ? t("sla.clock.lateBy", { duration: left })
        : t("sla.clock.dueIn", { duration: left });
  const full =
    state.tone === "paused"
      ? t("sla.clock.pausedFull", { policy: conversation.sla?.policyName ?? "" })
      : t(state.tone === "breached" ? "sla.clock.breachedFull" : "sla.clock.dueFull", {
          target,
          date: formatDateTime(state.dueAt ?? "", locale),
          policy: conversation.sla?.policyName ?? "",
        });
  return (
    <Tooltip label={full} multiline maw={280}>
      <Badge
        size="sm"
        variant={COLORS[state.tone].variant}
        color={COLORS[state.tone].color}
        c={COLORS[state.tone].c}
        leftSection={<Icon size={12} aria-hidden />}
        className="rl-sla-clock"
        data-testid="sla-clock"
        data-tone={state.tone}
        tabIndex={long ? 0 : undefined}
      >
        <span aria-hidden>
          {long && target && state.tone !== "paused" ? `${target} · ${short}` : short}
        </span>
        <VisuallyHidden>{full}</VisuallyHidden>
      </Badge>
    </Tooltip>
  );
}

interface PromiseBadgeProps {
  conversation: Pick<TConversation, "sla" | "openPromise">;
  now: number;
  locale: string;
  /** In the header, the badge takes the focus to show its tooltip (not inside a row's link). */
  focusable?: boolean;
}

/** The open promise due first: what the customer was told would happen, and when. */
export function PromiseBadge({ conversation, now, locale, focusable }: PromiseBadgeProps) {
  const { t } = useTranslation();
  const promise = conversation.openPromise;
  if (!promise) return null;
  const late = new Date(promise.dueAt).getTime() <= now;
  const when = formatDateTime(promise.dueAt, locale);
  const full = t(late ? "sla.promise.lateFull" : "sla.promise.full", {
    text: promise.text,
    date: when,
  });
  return (
    <Tooltip label={full} multiline maw={300}>
      <Badge
        size="sm"
        variant="outline"
        color={late ? "red.9" : "indigo.9"}
        leftSection={<IconCalendarCheck size={12} aria-hidden />}
        className="rl-promise-badge"
        data-testid="open-promise"
        tabIndex={focusable ? 0 : undefined}
        maw={220}
      >
        <span aria-hidden>{t("sla.promise.short", { date: when })}</span>
        <VisuallyHidden>{full}</VisuallyHidden>
      </Badge>
    </Tooltip>
  );
}

/** The clock and the open promise side by side, when the conversation has either. */
export function SlaBadges({ conversation, now, locale, long }: SlaClockProps & PromiseBadgeProps) {
  if (!conversation.sla && !conversation.openPromise) return null;
  return (
    <Group gap={4} wrap="wrap" className="rl-sla-badges" component="span">
      <SlaClock conversation={conversation} now={now} locale={locale} long={long} />
      <PromiseBadge conversation={conversation} now={now} locale={locale} focusable={long} />
    </Group>
  );
}
