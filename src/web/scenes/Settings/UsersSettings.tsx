import {
  Avatar,
  Badge,
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconUserPlus } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ROLES, type Role } from "../../../shared/enums.ts";
import type { TUser } from "../../../shared/schemas.ts";
import { ErrorState } from "../../components/ErrorState.tsx";
import { useMe } from "../../hooks/api/session.ts";
import { useTeams } from "../../hooks/api/teams.ts";
import { useCreateUser, useUpdateUser, useUsers } from "../../hooks/api/users.ts";
import { describeError, notifyError, notifySuccess } from "../../lib/notify.ts";
import { colorFor, initials } from "../../lib/people.ts";

function AddUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("agent");
  const [password, setPassword] = useState("");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), email: email.trim(), role, password },
      {
        onSuccess: () => {
          notifySuccess(t("users.added", { name: name.trim() }));
          setName("");
          setEmail("");
          setPassword("");
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t("users.add")} centered>
      <form onSubmit={submit}>
        <Stack gap="sm">
          {create.error && (
            <Text size="sm" c="red" role="alert">
              {describeError(create.error)}
            </Text>
          )}
          <TextInput
            label={t("users.name")}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            data-autofocus
          />
          <TextInput
            label={t("users.email")}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            required
          />
          <Select
            label={t("users.role")}
            data={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
            value={role}
            onChange={(value) => value && setRole(value as Role)}
            allowDeselect={false}
          />
          <PasswordInput
            label={t("users.password")}
            description={t("users.passwordHelp")}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={password && password.length < 10 ? t("onboarding.passwordTooShort") : undefined}
            required
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t("actions.cancel")}
            </Button>
            <Button
              type="submit"
              loading={create.isPending}
              disabled={!name.trim() || !email.trim() || password.length < 10}
            >
              {t("users.add")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function UserRow({ user, isMe, teamNames }: { user: TUser; isMe: boolean; teamNames: string[] }) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const change = (changes: { role?: Role; disabled?: boolean }) =>
    update.mutate({ id: user.id, changes }, { onError: notifyError });
  return (
    <Table.Tr data-user-id={user.id} opacity={user.disabled ? 0.55 : 1}>
      <Table.Td>
        <Group gap="sm" wrap="nowrap">
          <Avatar size={30} radius="xl" color={colorFor(user.id)} variant="light">
            {initials(user.name)}
          </Avatar>
          <div style={{ minWidth: 0 }}>
            <Text size="sm" fw={500} className="rl-wrap">
              {user.name}{" "}
              {isMe && (
                <Text span size="xs" c="dimmed">
                  ({t("users.you")})
                </Text>
              )}
            </Text>
            <Text size="xs" c="dimmed" className="rl-wrap">
              {user.email}
            </Text>
          </div>
        </Group>
      </Table.Td>
      <Table.Td w={170}>
        <Select
          size="xs"
          data={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
          value={user.role}
          onChange={(value) => value && change({ role: value as Role })}
          disabled={isMe}
          allowDeselect={false}
          aria-label={t("users.role")}
        />
      </Table.Td>
      <Table.Td>
        <Text size="xs" c={teamNames.length ? undefined : "dimmed"}>
          {teamNames.length ? teamNames.join(", ") : t("users.noTeam")}
        </Text>
      </Table.Td>
      <Table.Td w={110}>
        {user.disabled ? (
          <Badge size="sm" color="gray" variant="light">
            {t("users.disabled")}
          </Badge>
        ) : user.available ? (
          <Badge size="sm" color="teal" variant="light">
            {t("user.available")}
          </Badge>
        ) : (
          <Badge size="sm" color="yellow" variant="light">
            {t("user.away")}
          </Badge>
        )}
      </Table.Td>
      <Table.Td w={120} ta="right">
        {!isMe && (
          <Button
            size="compact-xs"
            variant="subtle"
            color={user.disabled ? "brand" : "red"}
            onClick={() => change({ disabled: !user.disabled })}
            loading={update.isPending}
          >
            {user.disabled ? t("users.enable") : t("users.disable")}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Agents, their roles and teams; adding, disabling and re-enabling them. */
export function UsersSettings() {
  const { t } = useTranslation();
  const { user: me } = useMe();
  const users = useUsers();
  const teams = useTeams();
  const [adding, modal] = useDisclosure(false);
  if (users.isError) return <ErrorState error={users.error} onRetry={() => users.refetch()} />;
  const teamName = (id: string) => teams.data?.find((team) => team.id === id)?.name;

  return (
    <Stack gap="md" data-testid="users-settings">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t("users.help")}
        </Text>
        <Button size="xs" leftSection={<IconUserPlus size={14} />} onClick={modal.open}>
          {t("users.add")}
        </Button>
      </Group>
      <Table verticalSpacing={8} highlightOnHover withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("users.name")}</Table.Th>
            <Table.Th>{t("users.role")}</Table.Th>
            <Table.Th>{t("users.teams")}</Table.Th>
            <Table.Th>{t("users.status")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(users.data ?? []).map((user) => (
            <UserRow
              key={user.id}
              user={user}
              isMe={user.id === me.id}
              teamNames={user.teamIds.map(teamName).filter((name): name is string => Boolean(name))}
            />
          ))}
        </Table.Tbody>
      </Table>
      <AddUserModal opened={adding} onClose={modal.close} />
    </Stack>
  );
}
