import {
  Button,
  Drawer,
  Group,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  CADENCES,
  SCHEDULABLE_REPORTS,
  SCHEDULE_WEEKDAYS,
  type TReportSchedule,
  type TReportScheduleInput,
} from "../../../../shared/reportSchedules.ts";
import { useChannels } from "../../../hooks/api/channels.ts";
import { useSaveReportSchedule } from "../../../hooks/api/reportSchedules.ts";
import { ApiError } from "../../../lib/api.ts";
import { notifyError } from "../../../lib/notify.ts";

type Draft = Required<Omit<TReportScheduleInput, "filters">> & {
  filters: NonNullable<TReportScheduleInput["filters"]>;
};

function draftOf(schedule: TReportSchedule | null, language: string): Draft {
  return {
    report: schedule?.report ?? "overview",
    filters: schedule?.filters ?? { hours: "calendar" },
    cadence: schedule?.cadence ?? "weekly",
    weekday: schedule?.weekday ?? "mon",
    time: schedule?.time ?? "08:00",
    timeZone: schedule?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    emails: schedule?.emails ?? [],
    locale: schedule?.locale ?? (language.startsWith("fr") ? "fr" : "en"),
    channelId: schedule?.channelId ?? null,
    enabled: schedule?.enabled ?? true,
  };
}

/** Adds or changes a scheduled report: what, when, in which zone and language, to whom. */
export function ScheduleDrawer(props: { schedule: TReportSchedule | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.schedule, i18n.language));
  const [error, setError] = useState<string | null>(null);
  const save = useSaveReportSchedule();
  const channels = useChannels();
  const emailChannels = (channels.data ?? []).filter((channel) => channel.kind === "email");
  const set = (changes: Partial<Draft>) => setDraft({ ...draft, ...changes });
  const s = (key: string) => t(`reports.schedules.${key}`);

  const submit = () => {
    setError(null);
    save.mutate(
      { id: props.schedule?.id, body: draft },
      {
        onSuccess: props.onClose,
        onError: (failure) =>
          failure instanceof ApiError ? setError(failure.message) : notifyError(failure),
      },
    );
  };

  return (
    <Drawer
      opened
      onClose={props.onClose}
      position="right"
      size="md"
      title={props.schedule ? s("edit") : s("add")}
      closeButtonProps={{ "aria-label": s("cancel") }}
      data-testid="schedule-drawer"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Select
            label={s("report")}
            data={SCHEDULABLE_REPORTS.map((report) => ({
              value: report,
              label: t(`reports.schedules.names.${report}`),
            }))}
            value={draft.report}
            onChange={(value) => value && set({ report: value as Draft["report"] })}
            allowDeselect={false}
          />
          <Group grow align="flex-start">
            <Select
              label={s("cadence")}
              data={CADENCES.map((cadence) => ({ value: cadence, label: s(cadence) }))}
              value={draft.cadence}
              onChange={(value) => value && set({ cadence: value as Draft["cadence"] })}
              allowDeselect={false}
            />
            {draft.cadence === "weekly" && (
              <Select
                label={s("weekday")}
                data={SCHEDULE_WEEKDAYS.map((day) => ({
                  value: day,
                  label: t(`reports.schedules.days.${day}`),
                }))}
                value={draft.weekday}
                onChange={(value) => value && set({ weekday: value as Draft["weekday"] })}
                allowDeselect={false}
              />
            )}
          </Group>
          <Group grow align="flex-start">
            <TextInput
              type="time"
              label={s("time")}
              value={draft.time}
              onChange={(event) => set({ time: event.currentTarget.value })}
              required
            />
            <Select
              label={s("timeZone")}
              data={Intl.supportedValuesOf("timeZone")}
              value={draft.timeZone}
              onChange={(value) => value && set({ timeZone: value })}
              searchable
              allowDeselect={false}
            />
          </Group>
          <TagsInput
            label={s("emails")}
            placeholder={s("emailsHint")}
            value={draft.emails}
            onChange={(emails) => set({ emails })}
            splitChars={[",", " ", ";"]}
            data-testid="schedule-emails"
          />
          <Group grow align="flex-start">
            <Select
              label={s("locale")}
              data={(["fr", "en"] as const).map((locale) => ({
                value: locale,
                label: t(`reports.schedules.locales.${locale}`),
              }))}
              value={draft.locale}
              onChange={(value) => value && set({ locale: value as Draft["locale"] })}
              allowDeselect={false}
            />
            <Select
              label={s("channel")}
              placeholder={s("firstEmailChannel")}
              data={emailChannels.map((channel) => ({ value: channel.id, label: channel.name }))}
              value={draft.channelId}
              onChange={(value) => set({ channelId: value })}
              clearable
            />
          </Group>
          <Switch
            label={s("enabled")}
            checked={draft.enabled}
            onChange={(event) => set({ enabled: event.currentTarget.checked })}
          />
          {error && (
            <Text c="red.8" size="sm" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {s("cancel")}
            </Button>
            <Button
              type="submit"
              color="indigo.9"
              loading={save.isPending}
              data-testid="schedule-save"
            >
              {s("save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
