import { Badge, Group, Stack, Text, Tooltip } from "@mantine/core";
import { IconUser, IconUsersGroup, IconWorld } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { LocalTime } from "../hooks/api/callbacks.ts";
import { currentLocale } from "../i18n/index.ts";
import { localClock, localDate, offsetLabel, otherDay, zoneCity } from "../lib/zones.ts";

interface ClockProps {
  label: string;
  icon: ReactNode;
  time: LocalTime;
  /** Another clock of the same instant: the date is flagged when it differs. */
  reference?: LocalTime;
  emphasis?: boolean;
  testId?: string;
}

/** One clock: who, the local time, the day, and the zone (city and UTC offset). */
export function Clock({ label, icon, time, reference, emphasis, testId }: ClockProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const shifted = reference ? otherDay(time, reference) : false;
  return (
    <Stack gap={0} className="rl-clock" data-testid={testId} data-zone={time.timeZone}>
      <Group gap={4} wrap="nowrap">
        {icon}
        <Text size="xs" c="dimmed" fw={500} tt="uppercase" className="rl-clock-label">
          {label}
        </Text>
      </Group>
      <Group gap={6} align="baseline" wrap="nowrap">
        <Text size={emphasis ? "xl" : "lg"} fw={700} lh={1.2} data-clock-time={time.time}>
          {localClock(time, locale)}
        </Text>
        {(!reference || shifted) && (
          <Text size="xs" c={shifted ? "orange.8" : "dimmed"} fw={shifted ? 600 : 400}>
            {localDate(time, locale)}
          </Text>
        )}
      </Group>
      <Tooltip label={time.timeZone}>
        <Text size="xs" c="dimmed" truncate="end">
          {zoneCity(time.timeZone)} · {offsetLabel(time.offset)}
        </Text>
      </Tooltip>
      {shifted && (
        <Badge size="xs" variant="light" color="orange" mt={2} w="fit-content">
          {t("callbacks.otherDay")}
        </Badge>
      )}
    </Stack>
  );
}

interface LocalTimesProps {
  customer: LocalTime;
  agent: LocalTime;
  team?: LocalTime | null;
  teamName?: string | null;
}

/**
 * The same instant side by side: the customer's clock first (what was promised to them), then
 * the agent's, and the team's when it is yet another zone.
 */
export function LocalTimes({ customer, agent, team, teamName }: LocalTimesProps) {
  const { t } = useTranslation();
  const showTeam = team && team.timeZone !== agent.timeZone;
  return (
    <Group gap="lg" wrap="nowrap" align="flex-start" className="rl-clocks">
      <Clock
        label={t("callbacks.customerTime")}
        icon={<IconWorld size={12} color="var(--mantine-color-dimmed)" />}
        time={customer}
        emphasis
        testId="customer-time"
      />
      <Clock
        label={t("callbacks.yourTime")}
        icon={<IconUser size={12} color="var(--mantine-color-dimmed)" />}
        time={agent}
        reference={customer}
        testId="agent-time"
      />
      {showTeam && (
        <Clock
          label={
            teamName ? t("callbacks.teamTimeNamed", { name: teamName }) : t("callbacks.teamTime")
          }
          icon={<IconUsersGroup size={12} color="var(--mantine-color-dimmed)" />}
          time={team}
          reference={customer}
          testId="team-time"
        />
      )}
    </Group>
  );
}
