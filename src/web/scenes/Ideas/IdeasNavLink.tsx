import { Badge, NavLink } from "@mantine/core";
import { IconBulb } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { useUnsortedIdeas } from "../../hooks/api/ideas.ts";

/** "Ideas" in the navigation, with how many suggestions wait to be sorted. */
export function IdeasNavLink() {
  const { t } = useTranslation();
  const pathname = useLocation().pathname;
  const unsorted = useUnsortedIdeas().data?.length ?? 0;
  return (
    <NavLink
      component={Link}
      to="/ideas"
      label={t("ideas.nav")}
      title={t("ideas.nav")}
      leftSection={<IconBulb size={16} />}
      rightSection={
        unsorted > 0 ? (
          <Badge size="sm" variant="light" color="gray" radius="xl" data-testid="ideas-count">
            {unsorted}
          </Badge>
        ) : null
      }
      active={pathname.startsWith("/ideas")}
      variant="light"
      className="rl-nav-link"
      data-testid="nav-ideas"
    />
  );
}
