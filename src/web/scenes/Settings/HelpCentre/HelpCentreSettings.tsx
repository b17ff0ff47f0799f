import { Anchor, Table, Tabs, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useHelpCentre, useUnansweredSearches } from "../../../hooks/api/articles.ts";
import { useMe } from "../../../hooks/api/session.ts";
import { ArticlesPanel } from "./ArticlesPanel.tsx";
import { HelpSettingsPanel } from "./HelpSettingsPanel.tsx";

function UnansweredPanel() {
  const { t, i18n } = useTranslation();
  const searches = useUnansweredSearches();
  const rows = searches.data ?? [];
  if (rows.length === 0) return <Text c="dimmed">{t("helpCentre.unanswered.empty")}</Text>;
  return (
    <Table striped data-testid="unanswered-searches">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("helpCentre.unanswered.query")}</Table.Th>
          <Table.Th>{t("helpCentre.articles.language")}</Table.Th>
          <Table.Th ta="right">{t("helpCentre.unanswered.count")}</Table.Th>
          <Table.Th>{t("helpCentre.unanswered.last")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={`${row.query}-${row.locale}`}>
            <Table.Td>{row.query}</Table.Td>
            <Table.Td>{row.locale.toUpperCase()}</Table.Td>
            <Table.Td ta="right">{row.count}</Table.Td>
            <Table.Td>{new Date(row.lastAt).toLocaleString(i18n.language)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * Settings → Help centre: the articles editor, the public pages' look and contact options, and
 * what customers searched for without finding it.
 */
export function HelpCentreSettings() {
  const { t } = useTranslation();
  const { user } = useMe();
  const canEdit = user.role === "admin" || user.role === "supervisor";
  const centre = useHelpCentre();
  return (
    <>
      <Text size="sm" c="dimmed" mb="sm">
        {t("helpCentre.intro")}{" "}
        {centre.data && (
          <Anchor
            href={centre.data.url}
            target="_blank"
            rel="noreferrer"
            data-testid="help-centre-link"
          >
            {t("helpCentre.openPublic")}
          </Anchor>
        )}
      </Text>
      <Tabs defaultValue="articles" keepMounted={false} variant="outline">
        <Tabs.List mb="md">
          <Tabs.Tab value="articles">{t("helpCentre.tabs.articles")}</Tabs.Tab>
          {canEdit && <Tabs.Tab value="settings">{t("helpCentre.tabs.settings")}</Tabs.Tab>}
          <Tabs.Tab value="unanswered">{t("helpCentre.tabs.unanswered")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="articles">
          <ArticlesPanel canEdit={canEdit} />
        </Tabs.Panel>
        {canEdit && (
          <Tabs.Panel value="settings">
            <HelpSettingsPanel />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="unanswered">
          <UnansweredPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
