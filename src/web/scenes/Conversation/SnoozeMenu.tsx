import { ActionIcon, Button, Divider, Group, Popover, Stack, Text, Tooltip } from "@mantine/core";
import { DateTimePicker } from "@mantine/dates";
import { IconZzz } from "@tabler/icons-react";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLocale } from "../../i18n/index.ts";
import { formatDateTime } from "../../lib/format.ts";

interface SnoozeMenuProps {
  onSnooze: (until: Date) => void;
  loading?: boolean;
}

function presets(now = dayjs()) {
  const tomorrow = now.add(1, "day").hour(9).minute(0).second(0);
  const daysToMonday = (8 - now.day()) % 7 || 7;
  return [
    { key: "snooze.inOneHour", at: now.add(1, "hour") },
    { key: "snooze.inThreeHours", at: now.add(3, "hour") },
    { key: "snooze.tomorrow", at: tomorrow },
    { key: "snooze.nextWeek", at: now.add(daysToMonday, "day").hour(9).minute(0).second(0) },
  ];
}

/** Hides the conversation until a time: a few usual choices, or any date and time. */
export function SnoozeMenu({ onSnooze, loading }: SnoozeMenuProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [opened, setOpened] = useState(false);
  const [custom, setCustom] = useState<string | null>(null);

  const choose = (at: Date) => {
    setOpened(false);
    setCustom(null);
    onSnooze(at);
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" shadow="md" width={280}>
      <Popover.Target>
        <Tooltip label={t("snooze.title")}>
          <ActionIcon
            size={30}
            variant="default"
            onClick={() => setOpened((open) => !open)}
            loading={loading}
            aria-label={t("snooze.action")}
            data-testid="snooze"
          >
            <IconZzz size={16} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={4}>
          {presets().map((preset) => (
            <Button
              key={preset.key}
              variant="subtle"
              color="gray"
              size="xs"
              justify="space-between"
              fullWidth
              onClick={() => choose(preset.at.toDate())}
              rightSection={
                <Text size="xs" c="dimmed">
                  {formatDateTime(preset.at.toISOString(), locale)}
                </Text>
              }
            >
              {t(preset.key)}
            </Button>
          ))}
          <Divider my={4} label={t("snooze.custom")} labelPosition="left" />
          <DateTimePicker
            size="xs"
            value={custom}
            onChange={setCustom}
            minDate={new Date()}
            placeholder={t("snooze.pick")}
            valueFormat="DD MMM YYYY HH:mm"
            popoverProps={{ withinPortal: false }}
            clearable
            data-testid="snooze-date"
          />
          <Group justify="flex-end">
            <Button
              size="xs"
              disabled={!custom || !dayjs(custom).isAfter(dayjs())}
              onClick={() => custom && choose(dayjs(custom).toDate())}
            >
              {t("snooze.confirm")}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
