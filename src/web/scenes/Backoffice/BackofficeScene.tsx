import "./backoffice.css";
import { Tabs, Text, Title } from "@mantine/core";
import { IconChecklist, IconTruckDelivery } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useParams } from "react-router";
import { useMe } from "../../hooks/api/session.ts";
import { ApprovalsPanel } from "./ApprovalsPanel.tsx";
import { DelayPanel } from "./DelayPanel.tsx";

const SECTIONS = ["approvals", "delays"] as const;
type Section = (typeof SECTIONS)[number];

/** Supervisors' back office: approvals waiting for them, and delays to announce. */
export function BackofficeScene() {
  const { t } = useTranslation();
  const { user } = useMe();
  const navigate = useNavigate();
  const params = useParams();
  if (user.role !== "admin" && user.role !== "supervisor") return <Navigate to="/" replace />;
  const section = SECTIONS.find((value) => value === params.section);
  if (!section) return <Navigate to="/backoffice/approvals" replace />;
  return (
    <div className="rl-page rl-bo" data-testid="backoffice-scene">
      <Title order={1} size="h3">
        {t("backoffice.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("backoffice.subtitle")}
      </Text>
      <Tabs
        value={section}
        onChange={(value) => value && navigate(`/backoffice/${value as Section}`)}
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          <Tabs.Tab
            value="approvals"
            leftSection={<IconChecklist size={15} aria-hidden />}
            data-testid="tab-approvals"
          >
            {t("backoffice.approvals.title")}
          </Tabs.Tab>
          <Tabs.Tab
            value="delays"
            leftSection={<IconTruckDelivery size={15} aria-hidden />}
            data-testid="tab-delays"
          >
            {t("backoffice.delay.title")}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="approvals">
          <ApprovalsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="delays">
          <DelayPanel />
        </Tabs.Panel>
      </Tabs>
    </div>
  );
}
