import {
  ActionIcon,
  Blockquote,
  Button,
  Checkbox,
  Group,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from "@mantine/core";
import { DateTimePicker } from "@mantine/dates";
import { IconCalendarClock, IconUser, IconUserCircle, IconX } from "@tabler/icons-react";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { useNextStepPreview } from "../../hooks/api/sla.ts";
import { currentLocale } from "../../i18n/index.ts";
import { zoneCity } from "../../lib/zones.ts";
import type { NextStepDraft } from "./replyRequest.ts";

function presets(now = dayjs()) {
  const tomorrow = now.add(1, "day").hour(10).minute(0).second(0).millisecond(0);
  return [
    { key: "sla.nextStep.inTwoHours", at: now.add(2, "hour").second(0).millisecond(0) },
    { key: "sla.nextStep.tomorrowMorning", at: tomorrow },
    { key: "sla.nextStep.inTwoDays", at: tomorrow.add(1, "day") },
  ];
}

function localTime(iso: string, locale: string, timeZone: string) {
  return new Intl.DateTimeFormat(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
  }).format(new Date(iso));
}

interface NextStepFieldProps {
  conversationId: string;
  value: NextStepDraft;
  onChange: (value: NextStepDraft) => void;
  onRemove: () => void;
}

/**
 * The next step a reply promises: what will happen and when, in the agent's and the customer's
 * local time, and the very sentence the customer will read (rendered by the server that sends it).
 */
export function NextStepField({ conversationId, value, onChange, onRemove }: NextStepFieldProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const agentZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  // The time alone already tells the customer's zone; the words fill in the sentence.
  const preview = useNextStepPreview(conversationId, value.text || "…", value.dueAt);
  const set = (changes: Partial<NextStepDraft>) => onChange({ ...value, ...changes });
  const past = value.dueAt !== null && new Date(value.dueAt).getTime() <= Date.now();
  const customerZone = preview.data?.timeZone;

  return (
    <fieldset className="rl-next-step" data-testid="next-step">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text component="legend" size="xs" fw={600} className="rl-next-step-legend">
          <IconCalendarClock size={14} aria-hidden /> {t("sla.nextStep.title")}
        </Text>
        <Tooltip label={t("sla.nextStep.remove")}>
          <ActionIcon
            size="sm"
            variant="subtle"
            color="gray"
            onClick={onRemove}
            aria-label={t("sla.nextStep.remove")}
            data-testid="next-step-remove"
          >
            <IconX size={14} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <Stack gap={6}>
        <Group gap={8} wrap="wrap" align="flex-start">
          <TextInput
            size="xs"
            label={t("sla.nextStep.what")}
            placeholder={t("sla.nextStep.whatPlaceholder")}
            value={value.text}
            maxLength={500}
            onChange={(event) => set({ text: event.currentTarget.value })}
            style={{ flex: "3 1 220px" }}
            data-testid="next-step-text"
          />
          <DateTimePicker
            size="xs"
            label={t("sla.nextStep.when")}
            placeholder={t("sla.nextStep.pick")}
            value={value.dueAt ? dayjs(value.dueAt).format("YYYY-MM-DD HH:mm:ss") : null}
            onChange={(picked) => set({ dueAt: picked ? dayjs(picked).toISOString() : null })}
            minDate={new Date()}
            valueFormat="DD MMM YYYY HH:mm"
            error={past ? t("sla.nextStep.past") : undefined}
            style={{ flex: "2 1 170px" }}
            data-testid="next-step-due"
          />
        </Group>
        <Group gap={6} wrap="wrap">
          {presets().map((preset) => (
            <Button
              key={preset.key}
              size="compact-xs"
              variant="default"
              onClick={() => set({ dueAt: preset.at.toISOString() })}
              data-testid={`next-step-preset-${preset.key.split(".").pop()}`}
            >
              {t(preset.key)}
            </Button>
          ))}
        </Group>
        {value.dueAt && (
          <Group gap={4} style={{ columnGap: 16 }} wrap="wrap" data-testid="next-step-times">
            <Text size="xs" c="gray.7">
              <IconUser size={12} aria-hidden /> {t("sla.nextStep.yourTime")}{" "}
              <Text span size="xs" fw={600} c="var(--mantine-color-text)">
                {localTime(value.dueAt, locale, agentZone)}
              </Text>{" "}
              ({zoneCity(agentZone)})
            </Text>
            {customerZone && (
              <Text size="xs" c="gray.7" data-testid="next-step-customer-time">
                <IconUserCircle size={12} aria-hidden /> {t("sla.nextStep.customerTime")}{" "}
                <Text span size="xs" fw={600} c="var(--mantine-color-text)">
                  {localTime(value.dueAt, locale, customerZone)}
                </Text>{" "}
                ({zoneCity(customerZone)})
              </Text>
            )}
          </Group>
        )}
        <Checkbox
          size="xs"
          checked={value.followUp}
          onChange={(event) => set({ followUp: event.currentTarget.checked })}
          label={t("sla.nextStep.followUp")}
          data-testid="next-step-follow-up"
        />
        {value.text.trim() && value.dueAt && preview.data && (
          <div aria-live="polite">
            <Text size="xs" c="gray.7" mb={2}>
              {t("sla.nextStep.customerReads", {
                language: t(`sla.languages.${preview.data.language}`),
              })}
            </Text>
            <Blockquote
              p={8}
              color="indigo"
              className="rl-next-step-preview"
              data-testid="next-step-preview"
            >
              <Text size="sm">{preview.data.sentence}</Text>
            </Blockquote>
          </div>
        )}
      </Stack>
    </fieldset>
  );
}

/** Adds a next step to the reply being written. */
export function NextStepButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t("sla.nextStep.add")}>
      <ActionIcon
        variant="subtle"
        color="gray"
        onClick={onClick}
        aria-label={t("sla.nextStep.add")}
        data-testid="next-step-add"
      >
        <IconCalendarClock size={17} />
      </ActionIcon>
    </Tooltip>
  );
}
