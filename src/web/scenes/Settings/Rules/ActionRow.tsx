import {
  ActionIcon,
  Group,
  MultiSelect,
  Select,
  Stack,
  Text,
  Textarea,
  Tooltip,
} from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { PRIORITIES } from "../../../../shared/enums.ts";
import type { RuleActionType, TRuleActionInput } from "../../../../shared/rules.ts";
import { useInsertAtCursor, VariableMenu } from "../../../components/VariableMenu.tsx";
import { useCannedReplies } from "../../../hooks/api/cannedReplies.ts";
import { useTeams } from "../../../hooks/api/teams.ts";
import { useUsers } from "../../../hooks/api/users.ts";
import { currentLocale } from "../../../i18n/index.ts";
import { LabelInput } from "./LabelInput.tsx";
import { ACTION_TYPES, emptyAction } from "./ruleModel.ts";

interface ActionRowProps {
  action: TRuleActionInput;
  index: number;
  onChange: (action: TRuleActionInput) => void;
  onRemove: () => void;
  error?: string | null;
}

function NotifyFields({
  action,
  onChange,
}: {
  action: Extract<TRuleActionInput, { type: "notify" }>;
  onChange: (action: TRuleActionInput) => void;
}) {
  const { t } = useTranslation();
  const users = useUsers();
  const field = useRef<HTMLTextAreaElement>(null);
  const insert = useInsertAtCursor(field, action.text, (text) => onChange({ ...action, text }));
  return (
    <Stack gap={6}>
      <Textarea
        ref={field}
        size="xs"
        aria-label={t("rules.notifyText")}
        placeholder={t("rules.notifyPlaceholder", { variable: "{{conversation.number}}" })}
        value={action.text}
        onChange={(event) => onChange({ ...action, text: event.currentTarget.value })}
        autosize
        minRows={2}
        maxRows={5}
        maxLength={500}
      />
      <Group justify="space-between" gap={6} wrap="nowrap" align="flex-start">
        <MultiSelect
          size="xs"
          style={{ flex: 1 }}
          aria-label={t("rules.notifyWho")}
          data={(users.data ?? [])
            .filter((user) => !user.disabled)
            .map((user) => ({ value: user.id, label: user.name }))}
          value={action.userIds ?? []}
          onChange={(userIds) => onChange({ ...action, userIds })}
          placeholder={(action.userIds ?? []).length ? undefined : t("rules.notifyEveryone")}
          searchable
        />
        <VariableMenu onInsert={insert} language={currentLocale()} />
      </Group>
    </Stack>
  );
}

function ActionValue({ action, onChange }: Pick<ActionRowProps, "action" | "onChange">) {
  const { t } = useTranslation();
  const users = useUsers();
  const teams = useTeams();
  const replies = useCannedReplies(action.type === "reply");
  const label = t(`rules.actions.${action.type}`);
  switch (action.type) {
    case "assign_user":
      return (
        <Select
          size="xs"
          aria-label={label}
          data={(users.data ?? [])
            .filter((user) => !user.disabled)
            .map((user) => ({ value: user.id, label: user.name }))}
          value={action.userId || null}
          onChange={(userId) => onChange({ ...action, userId: userId ?? "" })}
          placeholder={t("rules.pickOne")}
          searchable
        />
      );
    case "assign_team":
      return (
        <Select
          size="xs"
          aria-label={label}
          data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
          value={action.teamId || null}
          onChange={(teamId) => onChange({ ...action, teamId: teamId ?? "" })}
          placeholder={t("rules.pickOne")}
        />
      );
    case "set_priority":
      return (
        <Select
          size="xs"
          aria-label={label}
          data={PRIORITIES.map((priority) => ({
            value: priority,
            label: t(`priorities.${priority}`),
          }))}
          value={action.priority}
          onChange={(priority) =>
            priority && onChange({ ...action, priority: priority as typeof action.priority })
          }
          allowDeselect={false}
          data-testid="action-priority"
        />
      );
    case "add_label":
      return (
        <LabelInput
          label={label}
          value={action.label}
          onChange={(value) => onChange({ ...action, label: value })}
          placeholder={t("rules.labelPlaceholder")}
        />
      );
    case "reply":
      return (
        <Select
          size="xs"
          aria-label={label}
          data={(replies.data ?? []).map((reply) => ({
            value: reply.id,
            label: `${reply.title} (/${reply.shortcut})`,
          }))}
          value={action.cannedReplyId || null}
          onChange={(id) => onChange({ ...action, cannedReplyId: id ?? "" })}
          placeholder={t("rules.pickCannedReply")}
          nothingFoundMessage={t("canned.none")}
          searchable
        />
      );
    case "notify":
      return <NotifyFields action={action} onChange={onChange} />;
    case "reopen":
      return null;
  }
}

/** One action: what Relais does when every condition holds. */
export function ActionRow({ action, index, onChange, onRemove, error }: ActionRowProps) {
  const { t } = useTranslation();
  return (
    <div
      className="rl-rule-row"
      data-invalid={error ? "true" : undefined}
      data-action-index={index}
      data-action-type={action.type}
    >
      <Group gap={8} wrap="nowrap" align="flex-start">
        <Select
          size="xs"
          w={220}
          style={{ flexShrink: 0 }}
          aria-label={t("rules.actionType", { number: index + 1 })}
          data={ACTION_TYPES.map((type) => ({ value: type, label: t(`rules.actions.${type}`) }))}
          value={action.type}
          onChange={(value) =>
            value && value !== action.type && onChange(emptyAction(value as RuleActionType))
          }
          allowDeselect={false}
          data-testid="action-type"
        />
        <div style={{ flex: 1, minWidth: 0 }}>
          <ActionValue action={action} onChange={onChange} />
        </div>
        <Tooltip label={t("rules.removeAction")}>
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={onRemove}
            aria-label={t("rules.removeAction")}
          >
            <IconTrash size={15} />
          </ActionIcon>
        </Tooltip>
      </Group>
      {error && (
        <Text size="xs" c="red" mt={4} role="alert">
          {error}
        </Text>
      )}
    </div>
  );
}
