import { Anchor, Card, Group, Text, Title } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** A chart with its title and its CSV export. */
export function ReportCard(props: {
  title: string;
  csv: string;
  children: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" radius="md" data-testid={props.testId}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={3} size="h5">
          {props.title}
        </Title>
        <Anchor
          href={props.csv}
          download
          size="sm"
          fw={600}
          style={{
            color: "var(--mantine-color-indigo-9)",
            display: "inline-flex",
            gap: 4,
            alignItems: "center",
          }}
          aria-label={`${t("reports.csv")} — ${props.title}`}
        >
          <IconDownload size={14} aria-hidden />
          {t("reports.csv")}
        </Anchor>
      </Group>
      {props.children}
    </Card>
  );
}

/** A key figure: its label, value and, below, what it means. */
export function Figure(props: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <Card withBorder padding="sm" radius="md" data-testid={props.testId}>
      <Text size="xs" c="gray.7" tt="uppercase" fw={600}>
        {props.label}
      </Text>
      <Text size="xl" fw={700}>
        {props.value}
      </Text>
      {props.hint && (
        <Text size="xs" c="gray.7">
          {props.hint}
        </Text>
      )}
    </Card>
  );
}
