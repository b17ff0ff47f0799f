import { Badge, NavLink } from "@mantine/core";
import { IconBuildingWarehouse } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { useApprovals, useBackofficeLive } from "../../hooks/api/backoffice.ts";
import { useMe } from "../../hooks/api/session.ts";

/** The back office in the navigation, for supervisors and admins, with approvals waiting. */
export function BackofficeNavLink() {
  const { t } = useTranslation();
  const { user } = useMe();
  const pathname = useLocation().pathname;
  const allowed = user.role === "admin" || user.role === "supervisor";
  const pending = useApprovals("pending", allowed);
  useBackofficeLive();
  if (!allowed) return null;
  const count = pending.data?.length ?? 0;
  return (
    <NavLink
      component={Link}
      to="/backoffice/approvals"
      label={t("backoffice.nav")}
      title={t("backoffice.nav")}
      leftSection={<IconBuildingWarehouse size={16} />}
      rightSection={
        count > 0 ? (
          <Badge
            size="sm"
            variant="light"
            color="yellow"
            radius="xl"
            data-testid="approvals-count"
            aria-label={t("backoffice.approvals.pendingCount", { count })}
          >
            {count}
          </Badge>
        ) : null
      }
      active={pathname.startsWith("/backoffice")}
      variant="light"
      className="rl-nav-link"
      data-testid="nav-backoffice"
    />
  );
}
