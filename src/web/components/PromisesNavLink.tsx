import { Badge, NavLink } from "@mantine/core";
import { IconCalendarCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { usePromises } from "../hooks/api/sla.ts";
import { useNow } from "../lib/useNow.ts";

/** "My promises" in the navigation, with how many are open (red when one is overdue). */
export function PromisesNavLink() {
  const { t } = useTranslation();
  const pathname = useLocation().pathname;
  const now = useNow();
  const open = usePromises({ status: "open", madeBy: "me" }).data ?? [];
  const overdue = open.some((promise) => Date.parse(promise.dueAt) <= now);
  return (
    <NavLink
      component={Link}
      to="/promises"
      label={t("sla.promises.nav")}
      title={t("sla.promises.nav")}
      leftSection={<IconCalendarCheck size={16} />}
      rightSection={
        open.length > 0 ? (
          <Badge
            size="sm"
            variant={overdue ? "filled" : "light"}
            color={overdue ? "red.9" : "gray"}
            radius="xl"
            data-testid="promise-count"
          >
            {open.length}
          </Badge>
        ) : null
      }
      active={pathname.startsWith("/promises")}
      variant="light"
      className="rl-nav-link"
      data-testid="nav-promises"
    />
  );
}
