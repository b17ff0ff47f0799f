import { Stack, Tabs, Title } from "@mantine/core";
import {
  IconAlarm,
  IconBell,
  IconBolt,
  IconBuilding,
  IconChartBar,
  IconDatabaseX,
  IconHelpCircle,
  IconKey,
  IconMailForward,
  IconMailQuestion,
  IconMessageBolt,
  IconMoodSmile,
  IconPlugConnected,
  IconShieldHalf,
  IconTags,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useParams } from "react-router";
import type { Role } from "../../../shared/enums.ts";
import { RepeatSettings } from "../../components/customer/RepeatSettings.tsx";
import { useMe } from "../../hooks/api/session.ts";
import { AccountSettings } from "./Account/AccountSettings.tsx";
import { ApiTokensSettings } from "./ApiTokens/ApiTokensSettings.tsx";
import { ArrivalEstimatesSettings } from "./AuthorityLimits/ArrivalEstimatesSettings.tsx";
import { AuthorityLimitsSettings } from "./AuthorityLimits/AuthorityLimitsSettings.tsx";
import { CannedRepliesSettings } from "./CannedReplies/CannedRepliesSettings.tsx";
import { ChannelsSettings } from "./ChannelsSettings.tsx";
import { DemoSettings } from "./Demo/DemoSettings.tsx";
import { EmailQuarantineSettings } from "./EmailQuarantine/EmailQuarantineSettings.tsx";
import { HelpCentreSettings } from "./HelpCentre/HelpCentreSettings.tsx";
import { LabelsSettings } from "./Labels/LabelsSettings.tsx";
import { NotificationSettings } from "./Notifications/NotificationSettings.tsx";
import { ProfileSettings } from "./ProfileSettings.tsx";
import { ReportSchedulesSettings } from "./ReportSchedules/ReportSchedulesSettings.tsx";
import { RulesSettings } from "./Rules/RulesSettings.tsx";
import { SlaSettings } from "./Sla/SlaSettings.tsx";
import { EffortSection } from "./Surveys/EffortSection.tsx";
import { SurveysSettings } from "./Surveys/SurveysSettings.tsx";
import { TeamsSettings } from "./TeamsSettings.tsx";
import { UsersSettings } from "./UsersSettings.tsx";

type Section =
  | "profile"
  | "users"
  | "teams"
  | "channels"
  | "quarantine"
  | "rules"
  | "canned"
  | "surveys"
  | "effort"
  | "sla"
  | "authority"
  | "report-schedules"
  | "account"
  | "api-tokens"
  | "demo"
  | "labels"
  | "notifications"
  | "help-centre";

const SECTIONS: Array<{
  key: Section;
  roles: Role[];
  icon: ReactNode;
  render: () => ReactNode;
  /** The tab's words, when a feature keeps them in its own namespace. */
  labelKey?: string;
}> = [
  {
    key: "users",
    roles: ["admin"],
    icon: <IconUsers size={15} />,
    render: () => <UsersSettings />,
  },
  {
    key: "teams",
    roles: ["admin", "supervisor"],
    icon: <IconUsersGroup size={15} />,
    render: () => <TeamsSettings />,
  },
  {
    key: "channels",
    roles: ["admin"],
    icon: <IconPlugConnected size={15} />,
    render: () => <ChannelsSettings />,
  },
  {
    key: "quarantine",
    roles: ["admin"],
    icon: <IconMailQuestion size={15} />,
    render: () => <EmailQuarantineSettings />,
    labelKey: "emailQuarantine.tab",
  },
  {
    key: "surveys",
    roles: ["admin"],
    icon: <IconMoodSmile size={15} />,
    render: () => <SurveysSettings />,
    labelKey: "surveys.tab",
  },
  {
    key: "effort",
    roles: ["admin", "supervisor"],
    icon: <IconChartBar size={15} />,
    render: () => (
      <>
        <EffortSection />
        <RepeatSettings />
      </>
    ),
    labelKey: "surveys.effortTab",
  },
  {
    key: "rules",
    roles: ["admin", "supervisor", "agent"],
    icon: <IconBolt size={15} />,
    render: () => <RulesSettings />,
  },
  {
    key: "canned",
    roles: ["admin", "supervisor", "agent"],
    icon: <IconMessageBolt size={15} />,
    render: () => <CannedRepliesSettings />,
  },
  {
    key: "profile",
    roles: ["admin", "supervisor", "agent"],
    icon: <IconUserCircle size={15} />,
    render: () => <ProfileSettings />,
  },
  {
    key: "sla",
    roles: ["admin", "supervisor", "agent"],
    icon: <IconAlarm size={15} />,
    render: () => <SlaSettings />,
    labelKey: "sla.tab",
  },
  {
    key: "authority",
    roles: ["admin"],
    icon: <IconShieldHalf size={15} />,
    render: () => (
      <Stack gap="xl">
        <AuthorityLimitsSettings />
        <ArrivalEstimatesSettings />
      </Stack>
    ),
    labelKey: "backoffice.settings.tab",
  },
  {
    key: "report-schedules",
    roles: ["admin", "supervisor"],
    icon: <IconMailForward size={15} />,
    render: () => <ReportSchedulesSettings />,
    labelKey: "reports.schedules.tab",
  },
  {
    key: "account",
    roles: ["admin"],
    icon: <IconBuilding size={15} />,
    render: () => <AccountSettings />,
    labelKey: "accountSettings.tab",
  },
  {
    key: "api-tokens",
    roles: ["admin", "supervisor", "agent", "viewer"],
    icon: <IconKey size={15} />,
    render: () => <ApiTokensSettings />,
    labelKey: "apiTokens.tab",
  },
  {
    key: "demo",
    roles: ["admin"],
    icon: <IconDatabaseX size={15} />,
    render: () => <DemoSettings />,
    labelKey: "demoData.tab",
  },
  {
    key: "labels",
    roles: ["admin", "supervisor", "agent"],
    icon: <IconTags size={15} />,
    render: () => <LabelsSettings />,
    labelKey: "labels.tab",
  },
  {
    key: "notifications",
    roles: ["admin", "supervisor", "agent"],
    icon: <IconBell size={15} />,
    render: () => <NotificationSettings />,
    labelKey: "notificationSettings.nav",
  },
  {
    key: "help-centre",
    roles: ["admin", "supervisor", "agent"],
    icon: <IconHelpCircle size={15} />,
    render: () => <HelpCentreSettings />,
    labelKey: "helpCentre.tab",
  },
];

/**
 * Users and roles, teams, channels (admins), automation rules and canned replies (everyone
 * reads them; supervisors and admins change them), and everyone's own profile.
 */
export function SettingsScene() {
  const { t } = useTranslation();
  const { user } = useMe();
  const navigate = useNavigate();
  const params = useParams();
  const allowed = SECTIONS.filter((section) => section.roles.includes(user.role));
  const current = allowed.find((section) => section.key === params.section);
  if (!current) return <Navigate to={`/settings/${allowed[0]?.key ?? "profile"}`} replace />;

  return (
    <div className="rl-settings">
      <Title order={1} size="h3" mb="md">
        {t("settings.title")}
      </Title>
      <Tabs
        value={current.key}
        onChange={(value) => value && navigate(`/settings/${value}`)}
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          {allowed.map((section) => (
            <Tabs.Tab
              key={section.key}
              value={section.key}
              leftSection={section.icon}
              data-settings-tab={section.key}
            >
              {t(section.labelKey ?? `settings.sections.${section.key}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {allowed.map((section) => (
          <Tabs.Panel key={section.key} value={section.key}>
            {section.render()}
          </Tabs.Panel>
        ))}
      </Tabs>
    </div>
  );
}
