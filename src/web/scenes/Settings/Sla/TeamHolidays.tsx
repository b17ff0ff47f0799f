import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  Loader,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { THoliday } from "../../../../shared/sla.ts";
import { useSaveTeamHolidays, useTeamHolidays } from "../../../hooks/api/sla.ts";
import { useTeams } from "../../../hooks/api/teams.ts";
import { describeError, notifySuccess } from "../../../lib/notify.ts";

/**
 * Each team's holidays: days its business-hours SLA clocks do not count (dates in the team's own
 * zone). Chosen team first, then its list, saved as a whole.
 */
export function TeamHolidays({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const teams = useTeams();
  const [teamId, setTeamId] = useState<string | null>(null);
  const chosen = teamId ?? teams.data?.[0]?.id ?? null;
  return (
    <section aria-labelledby="sla-holidays-title">
      <Title order={2} size="h4" id="sla-holidays-title">
        {t("sla.holidays.title")}
      </Title>
      <Text size="sm" c="gray.7" mb="sm">
        {t("sla.holidays.help")}
      </Text>
      {teams.isPending ? (
        <Loader size="sm" />
      ) : !chosen ? (
        <Text size="sm" c="gray.7">
          {t("sla.holidays.noTeam")}
        </Text>
      ) : (
        <Card withBorder padding="sm" data-testid="sla-holidays">
          <Select
            size="xs"
            label={t("sla.holidays.team")}
            data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
            value={chosen}
            onChange={setTeamId}
            allowDeselect={false}
            maw={280}
            mb="sm"
            data-testid="sla-holidays-team"
          />
          <HolidayList key={chosen} teamId={chosen} canManage={canManage} />
        </Card>
      )}
    </section>
  );
}

function HolidayList({ teamId, canManage }: { teamId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const holidays = useTeamHolidays(teamId);
  const save = useSaveTeamHolidays(teamId);
  const [days, setDays] = useState<THoliday[] | null>(null);
  useEffect(() => {
    if (holidays.data && days === null) setDays(holidays.data);
  }, [holidays.data, days]);
  if (!days) return <Loader size="sm" />;

  const set = (index: number, change: Partial<THoliday>) =>
    setDays(days.map((day, at) => (at === index ? { ...day, ...change } : day)));
  const complete = days.every((day) => day.date && day.name.trim());
  const dates = days.map((day) => day.date);
  const duplicate = dates.some((date, index) => date && dates.indexOf(date) !== index);

  return (
    <Stack gap="xs">
      {days.length === 0 && (
        <Text size="sm" c="gray.7">
          {t("sla.holidays.empty")}
        </Text>
      )}
      {days.map((day, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows being edited have no identity yet
        <Group key={index} gap="xs" wrap="nowrap" align="flex-end" data-testid="sla-holiday">
          <DatePickerInput
            size="xs"
            label={t("sla.holidays.date")}
            value={day.date || null}
            onChange={(value) => set(index, { date: value ?? "" })}
            valueFormat="DD MMM YYYY"
            disabled={!canManage}
            w={160}
          />
          <TextInput
            size="xs"
            label={t("sla.holidays.name")}
            value={day.name}
            maxLength={100}
            onChange={(event) => set(index, { name: event.currentTarget.value })}
            disabled={!canManage}
            style={{ flex: 1 }}
          />
          {canManage && (
            <Tooltip label={t("sla.holidays.remove")}>
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={() => setDays(days.filter((_, at) => at !== index))}
                aria-label={t("sla.holidays.removeNamed", { name: day.name || day.date })}
                mb={2}
              >
                <IconTrash size={15} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      ))}
      {duplicate && (
        <Text size="xs" c="red.9">
          {t("sla.holidays.duplicate")}
        </Text>
      )}
      {save.error && (
        <Alert color="red" variant="light" p="sm" role="alert">
          <Text size="sm">{describeError(save.error)}</Text>
        </Alert>
      )}
      {canManage && (
        <Group justify="space-between" mt="xs">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPlus size={14} />}
            onClick={() => setDays([...days, { date: "", name: "" }])}
            data-testid="sla-holiday-add"
          >
            {t("sla.holidays.add")}
          </Button>
          <Button
            size="xs"
            color="brand.8"
            disabled={!complete || duplicate}
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                days.map((day) => ({ date: day.date, name: day.name.trim() })),
                {
                  onSuccess: (saved) => {
                    setDays(saved);
                    notifySuccess(t("sla.holidays.saved"));
                  },
                },
              )
            }
            data-testid="sla-holidays-save"
          >
            {t("sla.holidays.save")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
