import {
  Badge,
  Divider,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from "@mantine/core";
import {
  IconAddressBook,
  IconBook2,
  IconChartBar,
  IconEar,
  IconInbox,
  IconKeyboard,
  IconPhoneCall,
  IconSettings,
  IconUser,
  IconUserQuestion,
  IconUsersGroup,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { useCallbacks } from "../hooks/api/callbacks.ts";
import { type ConversationFilters, useConversationCounts } from "../hooks/api/conversations.ts";
import { useMe } from "../hooks/api/session.ts";
import { useTeams } from "../hooks/api/teams.ts";
import { BackofficeNavLink } from "../scenes/Backoffice/BackofficeNavLink.tsx";
import { IdeasNavLink } from "../scenes/Ideas/IdeasNavLink.tsx";
import { AvailabilityToggle } from "./AvailabilityToggle.tsx";
import { LanguageMenu } from "./LanguageMenu.tsx";
import { LiveIndicator } from "./LiveIndicator.tsx";
import { NotificationBell } from "./NotificationBell.tsx";
import { PromisesNavLink } from "./PromisesNavLink.tsx";
import { UserMenu } from "./UserMenu.tsx";

function OpenCount({ filters }: { filters: ConversationFilters }) {
  const counts = useConversationCounts(filters);
  const open = counts.data?.open;
  if (!open) return null;
  return (
    <Badge size="sm" variant="light" color="gray" radius="xl" data-testid="view-count">
      {open}
    </Badge>
  );
}

/** Callbacks still to make (scheduled, under way, or to reschedule). */
function CallbackCount() {
  const callbacks = useCallbacks({ scope: "upcoming" });
  const count = callbacks.data?.length ?? 0;
  const late = (callbacks.data ?? []).some((callback) => callback.status === "to_reschedule");
  if (!count) return null;
  return (
    <Badge
      size="sm"
      variant="light"
      color={late ? "orange" : "gray"}
      radius="xl"
      data-testid="callback-count"
    >
      {count}
    </Badge>
  );
}

interface ViewLinkProps {
  to: string;
  label: string;
  icon: ReactNode;
  active: boolean;
  filters: ConversationFilters;
}

function ViewLink({ to, label, icon, active, filters }: ViewLinkProps) {
  return (
    <NavLink
      component={Link}
      to={to}
      label={label}
      title={label}
      leftSection={icon}
      rightSection={<OpenCount filters={filters} />}
      active={active}
      variant="light"
      className="rl-nav-link"
    />
  );
}

/** Views, callbacks, settings, and the agent's availability and menu. */
export function Navigation({ onShowShortcuts }: { onShowShortcuts: () => void }) {
  const { t } = useTranslation();
  const { user, account } = useMe();
  const params = useParams();
  const teams = useTeams();
  const view = params.view ?? "";
  const pathname = useLocation().pathname;
  const inSettings = pathname.startsWith("/settings");
  // Viewers (stakeholders outside the service team) see the reports and nothing of the inbox.
  const viewer = user.role === "viewer";
  const reportsLink = (
    <NavLink
      component={Link}
      to="/reports"
      label={t("reports.nav")}
      title={t("reports.nav")}
      leftSection={<IconChartBar size={16} />}
      active={pathname.startsWith("/reports")}
      variant="light"
      className="rl-nav-link"
      data-testid="nav-reports"
    />
  );

  return (
    <nav className="rl-nav" aria-label={t("nav.label")}>
      <div className="rl-nav-brand">
        <div className="rl-logo" aria-hidden>
          R
        </div>
        <div style={{ minWidth: 0 }}>
          <Text fw={600} size="sm" lh={1.2}>
            Relais
          </Text>
          <Text size="xs" c="dimmed" truncate="end" title={account.name}>
            {account.name}
          </Text>
        </div>
      </div>
      <ScrollArea className="rl-nav-scroll" type="hover" scrollbarSize={6}>
        <Stack gap={2} px={8}>
          {viewer && reportsLink}
          {!viewer && (
            <>
              <Text className="rl-nav-section">{t("nav.inbox")}</Text>
              <ViewLink
                to="/inbox/mine"
                label={t("views.mine")}
                icon={<IconUser size={16} />}
                active={view === "mine"}
                filters={{ view: "mine" }}
              />
              <ViewLink
                to="/inbox/unassigned"
                label={t("views.unassigned")}
                icon={<IconUserQuestion size={16} />}
                active={view === "unassigned"}
                filters={{ view: "unassigned" }}
              />
              <ViewLink
                to="/inbox/all"
                label={t("views.all")}
                icon={<IconInbox size={16} />}
                active={view === "all"}
                filters={{ view: "all" }}
              />
              <NavLink
                component={Link}
                to="/callbacks"
                label={t("nav.callbacks")}
                title={t("nav.callbacks")}
                leftSection={<IconPhoneCall size={16} />}
                rightSection={<CallbackCount />}
                active={pathname.startsWith("/callbacks")}
                variant="light"
                className="rl-nav-link"
                data-testid="nav-callbacks"
              />
              <PromisesNavLink />
              {reportsLink}
              <NavLink
                component={Link}
                to="/contacts"
                label={t("contacts.nav")}
                title={t("contacts.nav")}
                leftSection={<IconAddressBook size={16} />}
                active={pathname.startsWith("/contacts")}
                variant="light"
                className="rl-nav-link"
                data-testid="nav-contacts"
              />
              <BackofficeNavLink />
              <IdeasNavLink />
              <NavLink
                component={Link}
                to="/stories"
                label={t("stories.nav")}
                title={t("stories.nav")}
                leftSection={<IconBook2 size={16} />}
                active={pathname.startsWith("/stories")}
                variant="light"
                className="rl-nav-link"
                data-testid="nav-stories"
              />
              <NavLink
                component={Link}
                to="/listening"
                label={t("listening.nav")}
                title={t("listening.nav")}
                leftSection={<IconEar size={16} />}
                active={pathname.startsWith("/listening")}
                variant="light"
                className="rl-nav-link"
                data-testid="nav-listening"
              />
              {(teams.data?.length ?? 0) > 0 && (
                <Text className="rl-nav-section" mt="sm">
                  {t("nav.teams")}
                </Text>
              )}
              {teams.data?.map((team) => (
                <ViewLink
                  key={team.id}
                  to={`/inbox/team-${team.id}`}
                  label={team.name}
                  icon={<IconUsersGroup size={16} />}
                  active={view === `team-${team.id}`}
                  filters={{ view: "team", teamId: team.id }}
                />
              ))}
            </>
          )}
          <Divider my="sm" />
          <NavLink
            component={Link}
            to={user.role === "agent" || viewer ? "/settings/profile" : "/settings"}
            label={t("nav.settings")}
            leftSection={<IconSettings size={16} />}
            active={inSettings}
            variant="light"
            className="rl-nav-link"
          />
        </Stack>
      </ScrollArea>
      <div className="rl-nav-footer">
        <AvailabilityToggle />
        <div className="rl-nav-tools">
          <LiveIndicator />
          <NotificationBell />
          <Tooltip label={t("shortcuts.title")}>
            <UnstyledButton
              className="rl-icon-button"
              onClick={onShowShortcuts}
              aria-label={t("shortcuts.title")}
            >
              <IconKeyboard size={18} />
            </UnstyledButton>
          </Tooltip>
          <LanguageMenu />
        </div>
        <UserMenu />
      </div>
    </nav>
  );
}
