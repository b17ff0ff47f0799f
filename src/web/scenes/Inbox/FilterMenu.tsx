import {
  ActionIcon,
  Button,
  Group,
  Indicator,
  Popover,
  Select,
  Stack,
  Text,
  Tooltip,
} from "@mantine/core";
import { IconFilter } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { PRIORITIES, SENTIMENTS } from "../../../shared/enums.ts";
import { useChannels } from "../../hooks/api/channels.ts";
import { useLabels } from "../../hooks/api/labels.ts";
import { currentLocale } from "../../i18n/index.ts";
import { languageName } from "../../lib/format.ts";
import { CATEGORIES, categoryKey, TRIAGE_LANGUAGES } from "../../lib/triage.ts";
import type { useInboxFilters } from "./useInboxFilters.ts";

type Inbox = ReturnType<typeof useInboxFilters>;

/** Channel, category, sentiment, language, priority and SLA filters, kept in the URL. */
export function FilterMenu({ inbox }: { inbox: Inbox }) {
  const { t } = useTranslation();
  const channels = useChannels();
  const labels = useLabels();
  const locale = currentLocale();
  const { search, setParam, activeFilters, clearFilters } = inbox;

  const field = (key: string, label: string, data: Array<{ value: string; label: string }>) => (
    <Select
      key={key}
      size="xs"
      label={label}
      placeholder={t("filters.any")}
      data={data}
      value={search.get(key)}
      onChange={(value) => setParam(key, value)}
      clearable
      searchable={data.length > 8}
      comboboxProps={{ withinPortal: false }}
      data-filter={key}
    />
  );

  return (
    <Popover width={260} position="bottom-end" shadow="md" trapFocus>
      <Popover.Target>
        <Tooltip label={t("filters.title")}>
          <Indicator
            label={activeFilters}
            size={14}
            disabled={activeFilters === 0}
            offset={4}
            color="brand"
          >
            <ActionIcon
              variant={activeFilters ? "light" : "subtle"}
              color="gray"
              aria-label={t("filters.title")}
              data-testid="filters"
            >
              <IconFilter size={17} />
            </ActionIcon>
          </Indicator>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {t("filters.title")}
            </Text>
            {activeFilters > 0 && (
              <Button size="compact-xs" variant="subtle" onClick={clearFilters}>
                {t("filters.clear")}
              </Button>
            )}
          </Group>
          {field(
            "channel",
            t("filters.channel"),
            (channels.data ?? []).map((channel) => ({ value: channel.id, label: channel.name })),
          )}
          {field(
            "category",
            t("filters.category"),
            CATEGORIES.map((category) => ({ value: category, label: t(categoryKey(category)) })),
          )}
          {field(
            "sentiment",
            t("filters.sentiment"),
            SENTIMENTS.map((sentiment) => ({
              value: sentiment,
              label: t(`sentiments.${sentiment}`),
            })),
          )}
          {field(
            "language",
            t("filters.language"),
            TRIAGE_LANGUAGES.map((code) => ({ value: code, label: languageName(code, locale) })),
          )}
          {field(
            "priority",
            t("filters.priority"),
            PRIORITIES.map((priority) => ({ value: priority, label: t(`priorities.${priority}`) })),
          )}
          {field(
            "label",
            t("labels.filter"),
            (labels.data ?? []).map((label) => ({ value: label.name, label: label.name })),
          )}
          {field("sla", t("sla.filter.label"), [
            { value: "due_soon", label: t("sla.filter.due_soon") },
            { value: "breached", label: t("sla.filter.breached") },
          ])}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
