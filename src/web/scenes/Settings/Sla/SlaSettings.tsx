import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Stack,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TSlaPolicy } from "../../../../shared/sla.ts";
import { ErrorState } from "../../../components/ErrorState.tsx";
import { useConfirm } from "../../../components/useConfirm.tsx";
import { useMe } from "../../../hooks/api/session.ts";
import {
  useDeleteSlaPolicy,
  useReorderSlaPolicies,
  useSlaPolicies,
} from "../../../hooks/api/sla.ts";
import { useTeams } from "../../../hooks/api/teams.ts";
import { notifyError } from "../../../lib/notify.ts";
import { categoryKey } from "../../../lib/triage.ts";
import "../../../components/sla.css";
import { AcknowledgementSettings } from "./AcknowledgementSettings.tsx";
import { SlaPolicyDrawer } from "./SlaPolicyDrawer.tsx";
import { SlaPreview } from "./SlaPreview.tsx";
import { TeamHolidays } from "./TeamHolidays.tsx";

const TARGET_KEYS = ["firstResponseMinutes", "nextResponseMinutes", "resolutionMinutes"] as const;

/** "90 min", "2 h", "1 h 30", "3 d". */
function minutesLabel(minutes: number, t: TFunction): string {
  if (minutes % (60 * 24) === 0) return t("sla.units.days", { count: minutes / (60 * 24) });
  if (minutes >= 60 && minutes % 60 === 0) return t("sla.units.hours", { count: minutes / 60 });
  if (minutes > 60)
    return t("sla.units.hoursMinutes", { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  return t("sla.units.minutes", { count: minutes });
}

/**
 * SLA policies in the order they are tried (the first that matches a conversation applies), a
 * live preview of which one a sample conversation gets, and each team's holidays.
 */
export function SlaSettings() {
  const { t } = useTranslation();
  const { user } = useMe();
  const canManage = user.role === "admin" || user.role === "supervisor";
  const policies = useSlaPolicies();
  const reorder = useReorderSlaPolicies();
  const remove = useDeleteSlaPolicy();
  const [confirm, confirmDialog] = useConfirm();
  const [editing, setEditing] = useState<TSlaPolicy | "new" | null>(null);
  const [matchedId, setMatchedId] = useState<string | null>(null);
  const list = policies.data ?? [];

  const move = (index: number, by: -1 | 1) => {
    const ordered = [...list];
    const [moved] = ordered.splice(index, 1);
    if (!moved) return;
    ordered.splice(index + by, 0, moved);
    reorder.mutate(ordered, { onError: notifyError });
  };

  return (
    <Stack gap="xl" data-testid="sla-settings">
      <section aria-labelledby="sla-policies-title">
        <Group justify="space-between" align="flex-end" mb="sm">
          <div>
            <Title order={2} size="h4" id="sla-policies-title">
              {t("sla.policies.title")}
            </Title>
            <Text size="sm" c="gray.7">
              {t("sla.policies.help")}
            </Text>
          </div>
          {canManage && (
            <Button
              size="xs"
              color="brand.8"
              leftSection={<IconPlus size={14} />}
              onClick={() => setEditing("new")}
              data-testid="sla-policy-new"
            >
              {t("sla.policies.new")}
            </Button>
          )}
        </Group>
        {policies.isPending ? (
          <Loader size="sm" />
        ) : policies.isError ? (
          <ErrorState error={policies.error} onRetry={() => policies.refetch()} />
        ) : list.length === 0 ? (
          <Text size="sm" c="gray.7" data-testid="sla-policies-empty">
            {t("sla.policies.empty")}
          </Text>
        ) : (
          <ol className="rl-sla-policies">
            {list.map((policy, index) => (
              <li key={policy.id}>
                <PolicyCard
                  policy={policy}
                  index={index}
                  matched={policy.id === matchedId}
                  canManage={canManage}
                  first={index === 0}
                  last={index === list.length - 1}
                  onMove={(by) => move(index, by)}
                  onEdit={() => setEditing(policy)}
                  onDelete={async () => {
                    const sure = await confirm({
                      title: t("sla.policies.deleteNamed", { name: policy.name }),
                      message: t("sla.policies.confirmDelete", { name: policy.name }),
                      confirmLabel: t("sla.policies.delete"),
                      danger: true,
                    });
                    if (sure) remove.mutate(policy.id, { onError: notifyError });
                  }}
                />
              </li>
            ))}
          </ol>
        )}
      </section>
      <SlaPreview policiesVersion={policies.dataUpdatedAt} onMatched={setMatchedId} />
      <TeamHolidays canManage={canManage} />
      <AcknowledgementSettings canManage={canManage} />
      {editing && (
        <SlaPolicyDrawer
          policy={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {confirmDialog}
    </Stack>
  );
}

interface PolicyCardProps {
  policy: TSlaPolicy;
  index: number;
  matched: boolean;
  canManage: boolean;
  first: boolean;
  last: boolean;
  onMove: (by: -1 | 1) => void;
  onEdit: () => void;
  onDelete: () => void;
}

function PolicyCard(props: PolicyCardProps) {
  const { policy, index, matched, canManage } = props;
  const { t } = useTranslation();
  const teams = useTeams();
  const teamName = (id: string) => teams.data?.find((team) => team.id === id)?.name ?? id;
  const conditions = [
    ...(policy.match.channelKinds ?? []).map((kind) => t(`channelKinds.${kind}`)),
    ...(policy.match.priorities ?? []).map((priority) => t(`priorities.${priority}`)),
    ...(policy.match.categories ?? []).map((category) => t(categoryKey(category))),
    ...(policy.match.teamIds ?? []).map(teamName),
  ];
  return (
    <Card
      withBorder
      padding="sm"
      data-testid="sla-policy"
      data-policy-id={policy.id}
      data-matched={matched || undefined}
      className="rl-sla-policy"
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Group gap={8} wrap="nowrap">
            <Badge size="sm" variant="default" circle>
              {index + 1}
            </Badge>
            <Text fw={600} className="rl-wrap" data-testid="sla-policy-title">
              {policy.name}
            </Text>
            {matched && (
              <Badge size="sm" color="indigo.9" variant="outline">
                {t("sla.preview.matchedBadge")}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="gray.7" mt={4}>
            {conditions.length > 0
              ? t("sla.policies.when", { conditions: conditions.join(", ") })
              : t("sla.policies.everyConversation")}
          </Text>
          <Group gap={6} mt={6} wrap="wrap">
            {TARGET_KEYS.map((key) => {
              const minutes = policy.targets[key];
              if (minutes === undefined) return null;
              return (
                <Badge key={key} size="sm" variant="outline" color="teal.9">
                  {t(`sla.policies.target.${key}`)} · {minutesLabel(minutes, t)}
                </Badge>
              );
            })}
            <Badge size="sm" variant="outline" color="gray.7">
              {t(policy.hours === "team" ? "sla.policies.hoursTeam" : "sla.policies.hoursAlways")}
            </Badge>
            {policy.warnBeforeMinutes !== null && (
              <Badge size="sm" variant="filled" color="orange.3" c="dark.9">
                {t("sla.policies.warnsBefore", {
                  duration: minutesLabel(policy.warnBeforeMinutes, t),
                })}
              </Badge>
            )}
          </Group>
        </div>
        {canManage && (
          <Group gap={2} wrap="nowrap">
            <CardAction
              tip={t("sla.policies.moveUp")}
              label={t("sla.policies.moveUpNamed", { name: policy.name })}
              disabled={props.first}
              onClick={() => props.onMove(-1)}
              icon={<IconArrowUp size={15} />}
            />
            <CardAction
              tip={t("sla.policies.moveDown")}
              label={t("sla.policies.moveDownNamed", { name: policy.name })}
              disabled={props.last}
              onClick={() => props.onMove(1)}
              icon={<IconArrowDown size={15} />}
            />
            <CardAction
              tip={t("actions.edit")}
              label={t("sla.policies.editNamed", { name: policy.name })}
              onClick={props.onEdit}
              icon={<IconPencil size={15} />}
              testId="sla-policy-edit"
            />
            <CardAction
              tip={t("sla.policies.delete")}
              label={t("sla.policies.deleteNamed", { name: policy.name })}
              onClick={props.onDelete}
              icon={<IconTrash size={15} />}
              color="red"
              testId="sla-policy-delete"
            />
          </Group>
        )}
      </Group>
    </Card>
  );
}

interface CardActionProps {
  tip: string;
  label: string;
  icon: ReactNode;
  onClick: () => void;
  disabled?: boolean;
  color?: string;
  testId?: string;
}

/** One of a policy's icon buttons: its tooltip, and a label naming the policy. */
function CardAction({ tip, label, icon, onClick, disabled, color, testId }: CardActionProps) {
  return (
    <Tooltip label={tip}>
      <ActionIcon
        variant="subtle"
        color={color ?? "gray"}
        disabled={disabled}
        onClick={onClick}
        aria-label={label}
        data-testid={testId}
      >
        {icon}
      </ActionIcon>
    </Tooltip>
  );
}
