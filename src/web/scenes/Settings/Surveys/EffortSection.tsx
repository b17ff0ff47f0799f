import { Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../../components/ErrorState.tsx";
import { useEffortReport, useSurveyResponses } from "../../../hooks/api/surveys.ts";
import { formatDateTime } from "../../../lib/format.ts";

const DAY_MS = 86_400_000;
const percent = (value: number | null) => (value === null ? "—" : `${Math.round(value * 100)} %`);
const decimal = (value: number | null) => (value === null ? "—" : value.toFixed(1));

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="sm" radius="md" data-figure={testId}>
      <Text size="xs" c="gray.7">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

/**
 * Effort and satisfaction over the last 30 days: the figures that predict loyalty (CES,
 * contacts per resolution, first-contact resolution) beside CSAT, and the latest answers.
 * Ready to move into the dashboards.
 */
export function EffortSection() {
  const { t, i18n } = useTranslation();
  const from = new Date(Date.now() - 30 * DAY_MS).toISOString().slice(0, 10);
  const report = useEffortReport({ from });
  const responses = useSurveyResponses();
  if (report.isError) return <ErrorState error={report.error} onRetry={() => report.refetch()} />;
  const data = report.data;
  return (
    <Stack gap="md" data-testid="effort-section">
      <Text size="sm" c="gray.7">
        {t("surveys.effort.intro")}
      </Text>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Figure
          testId="ces"
          label={t("surveys.effort.ces", { count: data?.ces.responses ?? 0 })}
          value={data ? `${decimal(data.ces.mean)} / 7` : "…"}
        />
        <Figure
          testId="csat"
          label={t("surveys.effort.csat", { count: data?.csat.responses ?? 0 })}
          value={data ? percent(data.csat.satisfiedRate) : "…"}
        />
        <Figure
          testId="contacts"
          label={t("surveys.effort.contacts")}
          value={data ? decimal(data.contactsPerResolution.mean) : "…"}
        />
        <Figure
          testId="fcr"
          label={t("surveys.effort.fcr")}
          value={data ? percent(data.firstContactResolutionRate) : "…"}
        />
        <Figure
          testId="response"
          label={t("surveys.effort.responseRate")}
          value={data ? percent(data.responseRate) : "…"}
        />
        <Figure
          testId="repeat"
          label={t("oneCustomer.repeatRate")}
          value={data ? percent(data.repeatRate) : "…"}
        />
        <Figure
          testId="reopen"
          label={t("surveys.effort.reopen")}
          value={data ? percent(data.reopenRate) : "…"}
        />
        <Figure
          testId="switch"
          label={t("surveys.effort.switch")}
          value={data ? percent(data.channelSwitchRate) : "…"}
        />
        <Figure
          testId="resolutions"
          label={t("surveys.effort.resolutions")}
          value={data ? String(data.resolutions) : "…"}
        />
      </SimpleGrid>
      <Title order={2} size="h5">
        {t("surveys.effort.latest")}
      </Title>
      {responses.data && responses.data.data.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t("surveys.effort.none")}
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("surveys.effort.when")}</Table.Th>
              <Table.Th>CES</Table.Th>
              <Table.Th>CSAT</Table.Th>
              <Table.Th>{t("surveys.effort.comment")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {responses.data?.data.map((response) => (
              <Table.Tr key={response.id}>
                <Table.Td>
                  {response.answeredAt ? formatDateTime(response.answeredAt, i18n.language) : ""}
                </Table.Td>
                <Table.Td>{response.ces ?? "—"}</Table.Td>
                <Table.Td>{response.csat ?? "—"}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Text size="sm" className="rl-wrap">
                      {response.comment ?? ""}
                    </Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
