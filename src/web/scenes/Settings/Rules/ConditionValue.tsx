import {
  Chip,
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
} from "@mantine/core";
import { TimeInput } from "@mantine/dates";
import { useTranslation } from "react-i18next";
import {
  CHANNEL_KINDS,
  CONVERSATION_STATUSES,
  PRIORITIES,
  SENTIMENTS,
} from "../../../../shared/enums.ts";
import { type TRuleConditionInput, WEEKDAYS } from "../../../../shared/rules.ts";
import { useChannels } from "../../../hooks/api/channels.ts";
import { useMe } from "../../../hooks/api/session.ts";
import { useTeams } from "../../../hooks/api/teams.ts";
import { currentLocale } from "../../../i18n/index.ts";
import { languageName } from "../../../lib/format.ts";
import { CATEGORIES, TRIAGE_LANGUAGES } from "../../../lib/triage.ts";
import { LabelInput } from "./LabelInput.tsx";
import { CATEGORY_FAMILIES, categoryLabel } from "./ruleModel.ts";

interface ConditionValueProps {
  condition: TRuleConditionInput;
  onChange: (condition: TRuleConditionInput) => void;
  label: string;
}

function ChipChoice<Value extends string>({
  values,
  selected,
  onChange,
  label,
  labelOf,
}: {
  values: readonly Value[];
  selected: Value[];
  onChange: (values: Value[]) => void;
  label: string;
  labelOf: (value: Value) => string;
}) {
  return (
    <Group gap={6} role="group" aria-label={label}>
      <Chip.Group<true, Value> multiple value={selected} onChange={onChange}>
        {values.map((value) => (
          <Chip key={value} value={value} size="xs" variant="outline">
            {labelOf(value)}
          </Chip>
        ))}
      </Chip.Group>
    </Group>
  );
}

/** The value part of a condition, shaped for its kind. */
export function ConditionValue({ condition, onChange, label }: ConditionValueProps) {
  const { t } = useTranslation();
  const { account } = useMe();
  const channels = useChannels();
  const teams = useTeams();
  const locale = currentLocale();

  switch (condition.type) {
    case "channel_kind":
      return (
        <MultiSelect
          size="xs"
          aria-label={label}
          data={CHANNEL_KINDS.map((kind) => ({ value: kind, label: t(`channelKinds.${kind}`) }))}
          value={condition.in}
          onChange={(values) => onChange({ ...condition, in: values as typeof condition.in })}
          placeholder={t("rules.pickSome")}
          searchable
        />
      );
    case "channel":
      return (
        <MultiSelect
          size="xs"
          aria-label={label}
          data={(channels.data ?? []).map((channel) => ({
            value: channel.id,
            label: `${channel.name} (${t(`channelKinds.${channel.kind}`)})`,
          }))}
          value={condition.in}
          onChange={(values) => onChange({ ...condition, in: values })}
          placeholder={t("rules.pickSome")}
          searchable
        />
      );
    case "category":
      return (
        <MultiSelect
          size="xs"
          aria-label={label}
          data={[
            {
              group: t("rules.families.title"),
              items: CATEGORY_FAMILIES.map((value) => ({ value, label: categoryLabel(value, t) })),
            },
            {
              group: t("properties.category"),
              items: CATEGORIES.map((value) => ({ value, label: categoryLabel(value, t) })),
            },
          ]}
          value={condition.in}
          onChange={(values) => onChange({ ...condition, in: values })}
          placeholder={t("rules.pickSome")}
          searchable
        />
      );
    case "sentiment":
      return (
        <ChipChoice
          values={SENTIMENTS}
          selected={condition.in}
          onChange={(values) => onChange({ ...condition, in: values })}
          label={label}
          labelOf={(value) => t(`sentiments.${value}`)}
        />
      );
    case "priority":
      return (
        <ChipChoice
          values={PRIORITIES}
          selected={condition.in}
          onChange={(values) => onChange({ ...condition, in: values })}
          label={label}
          labelOf={(value) => t(`priorities.${value}`)}
        />
      );
    case "status":
      return (
        <ChipChoice
          values={CONVERSATION_STATUSES}
          selected={condition.in}
          onChange={(values) => onChange({ ...condition, in: values })}
          label={label}
          labelOf={(value) => t(`statuses.${value}`)}
        />
      );
    case "language":
      return (
        <TagsInput
          size="xs"
          aria-label={label}
          data={TRIAGE_LANGUAGES.map((code) => ({
            value: code,
            label: `${languageName(code, locale)} (${code})`,
          }))}
          value={condition.in}
          onChange={(values) =>
            onChange({ ...condition, in: values.map((value) => value.trim().toLowerCase()) })
          }
          placeholder={t("rules.languageCodes")}
          maxLength={2}
        />
      );
    case "visibility":
      return (
        <SegmentedControl
          size="xs"
          aria-label={label}
          data={[
            { value: "public", label: t("rules.visibilityShort.public") },
            { value: "private", label: t("rules.visibilityShort.private") },
          ]}
          value={condition.is}
          onChange={(value) => onChange({ ...condition, is: value as typeof condition.is })}
        />
      );
    case "text_contains":
      return (
        <TagsInput
          size="xs"
          aria-label={label}
          value={condition.any}
          onChange={(values) => onChange({ ...condition, any: values })}
          placeholder={t("rules.phrasesPlaceholder")}
          description={t("rules.phrasesHelp")}
          acceptValueOnBlur
        />
      );
    case "contact_email_domain":
      return (
        <TagsInput
          size="xs"
          aria-label={label}
          value={condition.in}
          onChange={(values) =>
            onChange({
              ...condition,
              in: values.map((value) => value.trim().replace(/^@/, "").toLowerCase()),
            })
          }
          placeholder="example.com"
          acceptValueOnBlur
        />
      );
    case "label":
      return (
        <LabelInput
          label={label}
          value={condition.has}
          onChange={(value) => onChange({ ...condition, has: value })}
          placeholder={t("rules.labelPlaceholder")}
        />
      );
    case "followers":
      return (
        <NumberInput
          size="xs"
          aria-label={label}
          value={condition.atLeast}
          onChange={(value) =>
            onChange({ ...condition, atLeast: typeof value === "number" ? value : 0 })
          }
          min={0}
          step={100}
          thousandSeparator=" "
          w={160}
        />
      );
    case "business_hours":
      return (
        <Stack gap={4}>
          <Select
            size="xs"
            aria-label={t("rules.businessHours.team")}
            data={[
              { value: "", label: t("rules.businessHours.conversationTeam") },
              ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
            ]}
            value={condition.teamId ?? ""}
            onChange={(value) => onChange({ ...condition, teamId: value || null })}
            allowDeselect={false}
            w={260}
            data-testid="business-hours-team"
          />
          <Text size="xs" c="dimmed">
            {t("rules.businessHours.hint")}
          </Text>
        </Stack>
      );
    case "time": {
      const days = condition.days ?? [...WEEKDAYS];
      return (
        <Stack gap={6}>
          <ChipChoice
            values={WEEKDAYS}
            selected={days}
            onChange={(values) => onChange({ ...condition, days: values })}
            label={t("rules.weekdays")}
            labelOf={(day) => t(`weekdays.${day}`)}
          />
          <Group gap={8} align="center" wrap="wrap">
            <TimeInput
              size="xs"
              aria-label={t("rules.from")}
              leftSection={<Text size="xs">{t("rules.from")}</Text>}
              leftSectionWidth={42}
              value={condition.from ?? "00:00"}
              onChange={(event) => onChange({ ...condition, from: event.currentTarget.value })}
              w={130}
            />
            <TimeInput
              size="xs"
              aria-label={t("rules.to")}
              leftSection={<Text size="xs">{t("rules.to")}</Text>}
              leftSectionWidth={42}
              // Midnight ends the day: shown as 00:00, sent as 24:00.
              value={condition.to === "24:00" || !condition.to ? "00:00" : condition.to}
              onChange={(event) => {
                const value = event.currentTarget.value;
                onChange({ ...condition, to: value === "00:00" ? "24:00" : value });
              }}
              w={130}
            />
            <Text size="xs" c="dimmed">
              {t("rules.inZone", { zone: account.timeZone })}
            </Text>
          </Group>
        </Stack>
      );
    }
  }
}
