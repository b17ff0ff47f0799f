import { Button, EmptyState, Group, Stack, Text, TextInput } from "@mantine/core";
import { IconPlus, IconUsersGroup } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../components/ErrorState.tsx";
import { useMe } from "../../hooks/api/session.ts";
import { useSaveTeam, useTeams } from "../../hooks/api/teams.ts";
import { useUsers } from "../../hooks/api/users.ts";
import { notifyError } from "../../lib/notify.ts";
import { TeamCard } from "./Teams/TeamCard.tsx";

/** Teams route conversations to the right people; each has a view of its own in the inbox. */
export function TeamsSettings() {
  const { t } = useTranslation();
  const { user } = useMe();
  const canEdit = user.role !== "agent";
  const teams = useTeams();
  const users = useUsers();
  const save = useSaveTeam();
  const [name, setName] = useState("");
  const people = (users.data ?? [])
    .filter((user) => !user.disabled)
    .map((user) => ({ value: user.id, label: user.name }));

  if (teams.isError) return <ErrorState error={teams.error} onRetry={() => teams.refetch()} />;

  const create = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { body: { name: name.trim() } },
      { onSuccess: () => setName(""), onError: notifyError },
    );
  };

  return (
    <Stack gap="md" maw={900} data-testid="teams-settings">
      <Text size="sm" c="dimmed">
        {t("teams.help")}
      </Text>
      <form onSubmit={create}>
        <Group gap="sm" align="flex-end">
          <TextInput
            size="xs"
            label={t("teams.new")}
            placeholder={t("teams.newPlaceholder")}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            w={280}
          />
          <Button
            size="xs"
            type="submit"
            leftSection={<IconPlus size={14} />}
            disabled={!name.trim()}
            loading={save.isPending}
          >
            {t("teams.create")}
          </Button>
        </Group>
      </form>
      {teams.data?.length === 0 && (
        <EmptyState
          icon={<IconUsersGroup size={26} />}
          withIndicatorBackground
          title={t("teams.emptyTitle")}
          description={t("teams.empty")}
          size="sm"
        />
      )}
      {teams.data?.map((team) => (
        <TeamCard key={team.id} team={team} people={people} canEdit={canEdit} />
      ))}
    </Stack>
  );
}
