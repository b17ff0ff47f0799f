import { Avatar, Group, Menu, Switch, Text, UnstyledButton } from "@mantine/core";
import { IconApi, IconLogout, IconUserCircle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useMe, useSignOut } from "../hooks/api/session.ts";
import { useUpdateUser } from "../hooks/api/users.ts";
import { notifyError } from "../lib/notify.ts";
import { initials } from "../lib/people.ts";

/** The agent: availability for assignment, profile, the API documentation, sign out. */
export function UserMenu() {
  const { t } = useTranslation();
  const { user } = useMe();
  const signOut = useSignOut();
  const updateUser = useUpdateUser();
  const navigate = useNavigate();

  return (
    <Menu position="top-start" width={240} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton className="rl-user-button" data-testid="user-menu">
          <Group gap={8} wrap="nowrap">
            <Avatar size={28} radius="xl" color="brand" variant="light">
              {initials(user.name)}
            </Avatar>
            <div style={{ minWidth: 0, flex: 1 }}>
              <Text size="sm" fw={500} truncate="end">
                {user.name}
              </Text>
              <Text size="xs" c="dimmed" truncate="end">
                {t(`roles.${user.role}`)}
              </Text>
            </div>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item closeMenuOnClick={false}>
          <Switch
            size="xs"
            label={t("user.availableForAssignment")}
            checked={user.available}
            onChange={(event) =>
              updateUser.mutate(
                { id: user.id, changes: { available: event.currentTarget.checked } },
                { onError: notifyError },
              )
            }
          />
        </Menu.Item>
        <Menu.Item
          leftSection={<IconUserCircle size={16} />}
          onClick={() => navigate("/settings/profile")}
        >
          {t("user.profile")}
        </Menu.Item>
        <Menu.Item
          component="a"
          href="/api/v1/docs"
          target="_blank"
          rel="noopener"
          leftSection={<IconApi size={16} />}
          data-testid="api-docs-link"
        >
          {t("user.apiDocs")}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconLogout size={16} />}
          color="red"
          onClick={() =>
            signOut.mutate(undefined, { onSettled: () => navigate("/login", { replace: true }) })
          }
          data-testid="sign-out"
        >
          {t("user.signOut")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
