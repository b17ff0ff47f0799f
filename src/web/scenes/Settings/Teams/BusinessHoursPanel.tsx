import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Select,
  Stack,
  Text,
  Tooltip,
} from "@mantine/core";
import { TimeInput } from "@mantine/dates";
import { IconInfoCircle, IconPlus, IconX } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { WEEKDAYS, type Weekday } from "../../../../shared/rules.ts";
import { useMe } from "../../../hooks/api/session.ts";
import { useSaveBusinessHours, type WeeklyHours } from "../../../hooks/api/teams.ts";
import { describeError, notifySuccess } from "../../../lib/notify.ts";

/** Weekdays 9:00–18:00: what Relais uses for a team that has set nothing. */
export const DEFAULT_HOURS: WeeklyHours = {
  mon: [["09:00", "18:00"]],
  tue: [["09:00", "18:00"]],
  wed: [["09:00", "18:00"]],
  thu: [["09:00", "18:00"]],
  fri: [["09:00", "18:00"]],
};

/** Midnight closes a day: shown as 00:00, sent as 24:00. */
const shownClose = (value: string) => (value === "24:00" ? "00:00" : value);
const sentClose = (value: string) => (value === "00:00" ? "24:00" : value);

/** "Mon–Fri 09:00–18:00"-like summary of the week. */
export function describeHours(weekly: WeeklyHours, t: (key: string) => string): string {
  const parts: string[] = [];
  for (const day of WEEKDAYS) {
    const intervals = weekly[day];
    if (!intervals?.length) continue;
    parts.push(
      `${t(`weekdays.${day}`)} ${intervals.map(([open, close]) => `${open}–${close}`).join(", ")}`,
    );
  }
  return parts.join(" · ");
}

interface BusinessHoursPanelProps {
  teamId: string;
  /** What the server reported, when it does (else the defaults, in the account's zone). */
  current: { timeZone: string; weekly: WeeklyHours } | null;
  canEdit: boolean;
}

/** The team's zone and weekly opening hours: callback slots are offered within them. */
export function BusinessHoursPanel({ teamId, current, canEdit }: BusinessHoursPanelProps) {
  const { t } = useTranslation();
  const { account } = useMe();
  const zones = useMemo(() => Intl.supportedValuesOf("timeZone"), []);
  const save = useSaveBusinessHours(teamId);
  const [timeZone, setTimeZone] = useState(current?.timeZone ?? account.timeZone);
  const [weekly, setWeekly] = useState<WeeklyHours>(current?.weekly ?? DEFAULT_HOURS);

  const setDay = (day: Weekday, intervals: Array<[string, string]>) =>
    setWeekly({ ...weekly, [day]: intervals });

  return (
    <Stack gap="sm" data-testid="business-hours">
      {!current && (
        <Alert color="gray" variant="light" p="xs" icon={<IconInfoCircle size={16} />}>
          <Text size="xs">{t("hours.unknown")}</Text>
        </Alert>
      )}
      <Select
        size="xs"
        label={t("hours.timeZone")}
        description={t("hours.timeZoneHelp")}
        data={zones}
        value={timeZone}
        onChange={(value) => value && setTimeZone(value)}
        searchable
        allowDeselect={false}
        maw={320}
        disabled={!canEdit}
        data-testid="hours-zone"
      />
      <Stack gap={6}>
        {WEEKDAYS.map((day) => {
          const intervals = weekly[day] ?? [];
          const open = intervals.length > 0;
          return (
            <Group key={day} gap="sm" align="center" wrap="nowrap" data-day={day}>
              <Checkbox
                size="xs"
                w={110}
                label={t(`weekdaysLong.${day}`)}
                checked={open}
                disabled={!canEdit}
                onChange={(event) =>
                  setDay(day, event.currentTarget.checked ? [["09:00", "18:00"]] : [])
                }
              />
              {!open && (
                <Text size="xs" c="dimmed">
                  {t("hours.closed")}
                </Text>
              )}
              <Group gap={8} wrap="wrap">
                {intervals.map(([from, to], index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: intervals are edited in place.
                  <Group key={index} gap={4} wrap="nowrap" className="rl-interval">
                    <TimeInput
                      size="xs"
                      w={92}
                      value={from}
                      aria-label={t("hours.opens", { day: t(`weekdaysLong.${day}`) })}
                      disabled={!canEdit}
                      onChange={(event) =>
                        setDay(
                          day,
                          intervals.map((interval, at) =>
                            at === index ? [event.currentTarget.value, interval[1]] : interval,
                          ),
                        )
                      }
                    />
                    <Text size="xs">–</Text>
                    <TimeInput
                      size="xs"
                      w={92}
                      value={shownClose(to)}
                      aria-label={t("hours.closes", { day: t(`weekdaysLong.${day}`) })}
                      disabled={!canEdit}
                      onChange={(event) =>
                        setDay(
                          day,
                          intervals.map((interval, at) =>
                            at === index
                              ? [interval[0], sentClose(event.currentTarget.value)]
                              : interval,
                          ),
                        )
                      }
                    />
                    {canEdit && (
                      <ActionIcon
                        size="sm"
                        variant="subtle"
                        color="gray"
                        aria-label={t("hours.removeInterval")}
                        onClick={() =>
                          setDay(
                            day,
                            intervals.filter((_, at) => at !== index),
                          )
                        }
                      >
                        <IconX size={13} />
                      </ActionIcon>
                    )}
                  </Group>
                ))}
                {canEdit && open && intervals.length < 6 && (
                  <Tooltip label={t("hours.addInterval")}>
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      aria-label={t("hours.addIntervalDay", { day: t(`weekdaysLong.${day}`) })}
                      onClick={() => setDay(day, [...intervals, ["14:00", "18:00"]])}
                    >
                      <IconPlus size={13} />
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
            </Group>
          );
        })}
      </Stack>
      {save.error && (
        <Text size="xs" c="red" role="alert">
          {describeError(save.error)}
        </Text>
      )}
      {canEdit && (
        <Group>
          <Button
            size="xs"
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                {
                  timeZone,
                  weekly: Object.fromEntries(
                    Object.entries(weekly).filter(([, intervals]) => intervals.length > 0),
                  ),
                },
                { onSuccess: () => notifySuccess(t("hours.saved")) },
              )
            }
            data-testid="hours-save"
          >
            {t("hours.save")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
