import {
  Badge,
  Button,
  Group,
  Loader,
  NumberInput,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
} from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ASSIGNMENT_MODES, type AssignmentMode } from "../../../../shared/rules.ts";
import { ErrorState } from "../../../components/ErrorState.tsx";
import { useTeamAssignment, useUpdateTeamAssignment } from "../../../hooks/api/teams.ts";
import { notifyError, notifySuccess } from "../../../lib/notify.ts";

/** How the team hands out conversations: by hand, in turn, or to the least loaded. */
export function AssignmentPanel({ teamId, canEdit }: { teamId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const assignment = useTeamAssignment(teamId);
  const update = useUpdateTeamAssignment(teamId);
  const [mode, setMode] = useState<AssignmentMode>("manual");
  const [limited, setLimited] = useState(false);
  const [max, setMax] = useState<number>(5);
  const data = assignment.data;

  useEffect(() => {
    if (!data) return;
    setMode(data.mode);
    setLimited(data.maxOpenPerAgent !== null);
    if (data.maxOpenPerAgent !== null) setMax(data.maxOpenPerAgent);
  }, [data]);

  if (assignment.isPending) return <Loader size="xs" />;
  if (assignment.isError)
    return <ErrorState error={assignment.error} onRetry={() => assignment.refetch()} />;

  const maxOpen = limited ? max : null;
  const dirty = mode !== data?.mode || maxOpen !== data?.maxOpenPerAgent;

  return (
    <Stack gap="sm" data-testid="team-assignment">
      <div>
        <Text size="sm" fw={500} mb={4} id={`mode-${teamId}`}>
          {t("assignment.mode")}
        </Text>
        <SegmentedControl
          size="xs"
          aria-labelledby={`mode-${teamId}`}
          data={ASSIGNMENT_MODES.map((value) => ({
            value,
            label: t(`assignment.modes.${value}`),
          }))}
          value={mode}
          onChange={(value) => setMode(value as AssignmentMode)}
          disabled={!canEdit}
          data-testid="assignment-mode"
        />
        <Text size="xs" c="dimmed" mt={4}>
          {t(`assignment.help.${mode}`)}
        </Text>
      </div>
      {mode !== "manual" && (
        <Group gap="sm" align="center">
          <Switch
            size="xs"
            label={t("assignment.limit")}
            checked={limited}
            onChange={(event) => setLimited(event.currentTarget.checked)}
            disabled={!canEdit}
          />
          {limited && (
            <NumberInput
              size="xs"
              w={90}
              min={1}
              max={1000}
              value={max}
              onChange={(value) => setMax(typeof value === "number" ? value : 1)}
              aria-label={t("assignment.maxOpen")}
              disabled={!canEdit}
              data-testid="assignment-max"
            />
          )}
          {limited && (
            <Text size="xs" c="dimmed">
              {t("assignment.maxOpenSuffix")}
            </Text>
          )}
        </Group>
      )}
      {canEdit && (
        <Group>
          <Button
            size="xs"
            disabled={!dirty}
            loading={update.isPending}
            onClick={() =>
              update.mutate(
                { mode, maxOpenPerAgent: maxOpen },
                { onSuccess: () => notifySuccess(t("settings.saved")), onError: notifyError },
              )
            }
            data-testid="assignment-save"
          >
            {t("assignment.save")}
          </Button>
        </Group>
      )}
      <Group gap="xs">
        <Text size="sm" fw={500}>
          {t("assignment.load")}
        </Text>
        <Badge
          size="sm"
          variant="light"
          color={data && data.waiting > 0 ? "orange" : "gray"}
          data-testid="team-waiting"
        >
          {t("assignment.waiting", { count: data?.waiting ?? 0 })}
        </Badge>
      </Group>
      {data && data.members.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t("teams.noMembers")}
        </Text>
      ) : (
        <Table verticalSpacing={4} withRowBorders={false} maw={460}>
          <Table.Tbody>
            {data?.members.map((member) => (
              <Table.Tr key={member.userId} data-member-id={member.userId}>
                <Table.Td>
                  <Text size="xs">{member.name}</Text>
                </Table.Td>
                <Table.Td w={110}>
                  <Badge size="xs" variant="light" color={member.available ? "teal" : "yellow"}>
                    {member.available ? t("user.available") : t("user.away")}
                  </Badge>
                </Table.Td>
                <Table.Td w={120}>
                  <Text size="xs" c="dimmed">
                    {t("assignment.open", { count: member.openCount })}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
