import {
  ActionIcon,
  Badge,
  Button,
  Card,
  EmptyState,
  Group,
  Loader,
  Stack,
  Switch,
  Text,
  Tooltip,
  UnstyledButton,
} from "@mantine/core";
import {
  IconArrowDown,
  IconArrowUp,
  IconBolt,
  IconPencil,
  IconPlus,
  IconTrash,
} from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TRule } from "../../../../shared/rules.ts";
import { ErrorState } from "../../../components/ErrorState.tsx";
import { useConfirm } from "../../../components/useConfirm.tsx";
import {
  useDeleteRule,
  usePatchRule,
  useReorderRules,
  useRules,
} from "../../../hooks/api/rules.ts";
import { useMe } from "../../../hooks/api/session.ts";
import { notifyError } from "../../../lib/notify.ts";
import { RuleDrawer } from "./RuleDrawer.tsx";
import { describeAction, describeCondition, type Names, triggerKey } from "./ruleModel.ts";
import { useNames } from "./useNames.ts";

interface RuleCardProps {
  rule: TRule;
  index: number;
  count: number;
  canEdit: boolean;
  names: Names;
  onOpen: () => void;
  onMove: (delta: -1 | 1) => void;
}

function RuleCard({ rule, index, count, canEdit, names, onOpen, onMove }: RuleCardProps) {
  const { t } = useTranslation();
  const patch = usePatchRule();
  const remove = useDeleteRule();
  const [confirm, confirmDialog] = useConfirm();
  const conditions = rule.conditions.map((condition) => describeCondition(condition, t, names));
  const actions = rule.actions.map((action) => describeAction(action, t, names));

  return (
    <Card
      withBorder
      padding="sm"
      className="rl-rule-card"
      data-rule-id={rule.id}
      data-enabled={rule.enabled}
    >
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Badge variant="light" color="gray" size="lg" radius="sm" w={34} px={0} mt={2}>
          {index + 1}
        </Badge>
        <UnstyledButton onClick={onOpen} className="rl-rule-summary" data-testid="rule-open">
          <Group gap={8} wrap="wrap">
            <Text fw={600} size="sm" className="rl-wrap">
              {rule.name}
            </Text>
            {!rule.enabled && (
              <Badge size="xs" color="gray" variant="outline">
                {t("rules.off")}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed" mt={4} className="rl-wrap">
            <Text span fw={600} size="xs" c="gray.7">
              {t("rules.whenShort")}
            </Text>{" "}
            {t(`rules.triggers.${triggerKey(rule.trigger)}`)}
          </Text>
          <Text size="xs" c="dimmed" className="rl-wrap">
            <Text span fw={600} size="xs" c="gray.7">
              {t("rules.ifShort")}
            </Text>{" "}
            {conditions.length ? conditions.join(t("rules.and")) : t("rules.always")}
          </Text>
          <Text size="xs" c="dimmed" className="rl-wrap">
            <Text span fw={600} size="xs" c="gray.7">
              {t("rules.thenShort")}
            </Text>{" "}
            {actions.join(" · ")}
          </Text>
        </UnstyledButton>
        <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
          <Switch
            size="xs"
            checked={rule.enabled}
            disabled={!canEdit}
            aria-label={t("rules.enabledFor", { name: rule.name })}
            onChange={(event) =>
              patch.mutate(
                { id: rule.id, changes: { enabled: event.currentTarget.checked } },
                { onError: notifyError },
              )
            }
            data-testid="rule-enabled"
          />
          {canEdit && (
            <>
              <Tooltip label={t("rules.moveUp")}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  disabled={index === 0}
                  onClick={() => onMove(-1)}
                  aria-label={t("rules.moveUpNamed", { name: rule.name })}
                  data-testid="rule-up"
                >
                  <IconArrowUp size={15} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t("rules.moveDown")}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  disabled={index === count - 1}
                  onClick={() => onMove(1)}
                  aria-label={t("rules.moveDownNamed", { name: rule.name })}
                  data-testid="rule-down"
                >
                  <IconArrowDown size={15} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t("rules.edit")}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  onClick={onOpen}
                  aria-label={t("rules.editNamed", { name: rule.name })}
                >
                  <IconPencil size={15} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t("rules.delete")}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  loading={remove.isPending}
                  onClick={async () => {
                    const sure = await confirm({
                      title: t("rules.deleteNamed", { name: rule.name }),
                      message: t("rules.confirmDelete", { name: rule.name }),
                      confirmLabel: t("rules.delete"),
                      danger: true,
                    });
                    if (sure) remove.mutate(rule.id, { onError: notifyError });
                  }}
                  aria-label={t("rules.deleteNamed", { name: rule.name })}
                >
                  <IconTrash size={15} />
                </ActionIcon>
              </Tooltip>
            </>
          )}
        </Group>
      </Group>
      {confirmDialog}
    </Card>
  );
}

/** Automation rules, in the order they run; supervisors and admins change them. */
export function RulesSettings() {
  const { t } = useTranslation();
  const { user } = useMe();
  const canEdit = user.role !== "agent";
  const rules = useRules();
  const reorder = useReorderRules();
  const names = useNames();
  const [open, setOpen] = useState<{ rule: TRule | null; key: number } | null>(null);

  if (rules.isError) return <ErrorState error={rules.error} onRetry={() => rules.refetch()} />;
  const list = rules.data ?? [];

  const move = (index: number, delta: -1 | 1) => {
    const target = index + delta;
    const ordered = [...list];
    const [moved] = ordered.splice(index, 1);
    if (!moved || target < 0 || target > list.length - 1) return;
    ordered.splice(target, 0, moved);
    reorder.mutate(ordered, { onError: notifyError });
  };

  return (
    <Stack gap="md" maw={980} data-testid="rules-settings">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm" c="dimmed">
          {t("rules.help")}
        </Text>
        {canEdit && (
          <Button
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setOpen({ rule: null, key: Date.now() })}
            style={{ flexShrink: 0 }}
            data-testid="new-rule"
          >
            {t("rules.new")}
          </Button>
        )}
      </Group>
      {rules.isPending && <Loader size="sm" />}
      {rules.isSuccess && list.length === 0 && (
        <EmptyState
          icon={<IconBolt size={26} />}
          withIndicatorBackground
          title={t("rules.emptyTitle")}
          description={t("rules.empty")}
          size="sm"
        />
      )}
      <Stack gap={8} data-testid="rules-list">
        {list.map((rule, index) => (
          <RuleCard
            key={rule.id}
            rule={rule}
            index={index}
            count={list.length}
            canEdit={canEdit}
            names={names}
            onOpen={() => setOpen({ rule, key: Date.now() })}
            onMove={(delta) => move(index, delta)}
          />
        ))}
      </Stack>
      {open && (
        <RuleDrawer
          key={open.key}
          rule={open.rule}
          opened
          onClose={() => setOpen(null)}
          readOnly={!canEdit}
        />
      )}
    </Stack>
  );
}
