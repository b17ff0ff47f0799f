import {
  Alert,
  Button,
  Divider,
  Drawer,
  Group,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconBulb, IconPlus } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  RULE_TRIGGERS,
  type RuleTrigger,
  type TRule,
  type TRuleActionInput,
  type TRuleConditionInput,
} from "../../../../shared/rules.ts";
import { type RuleRequest, useSaveRule } from "../../../hooks/api/rules.ts";
import { describeError, notifySuccess } from "../../../lib/notify.ts";
import { ActionRow } from "./ActionRow.tsx";
import { ConditionRow } from "./ConditionRow.tsx";
import { RuleSummary } from "./RuleSummary.tsx";
import { RuleTest } from "./RuleTest.tsx";
import {
  emptyAction,
  emptyCondition,
  errorTarget,
  isTriageTrigger,
  TRIAGE_CONDITIONS,
  triggerKey,
} from "./ruleModel.ts";
import { useNames } from "./useNames.ts";

interface RuleDrawerProps {
  /** The rule to edit; null for a new one. */
  rule: TRule | null;
  opened: boolean;
  onClose: () => void;
  readOnly: boolean;
}

function draftOf(rule: TRule | null): RuleRequest {
  if (!rule) {
    return {
      name: "",
      enabled: true,
      trigger: "message.received",
      conditions: [],
      actions: [emptyAction("set_priority")],
    };
  }
  return {
    name: rule.name,
    enabled: rule.enabled,
    trigger: rule.trigger,
    conditions: rule.conditions,
    actions: rule.actions,
  };
}

function replaceAt<T>(items: T[], index: number, item: T): T[] {
  return items.map((existing, at) => (at === index ? item : existing));
}

/** The rule form: when … if every condition holds … then these actions; and a dry run. */
export function RuleDrawer({ rule, opened, onClose, readOnly }: RuleDrawerProps) {
  const { t } = useTranslation();
  const names = useNames();
  const save = useSaveRule();
  const [initial] = useState(() => JSON.stringify(draftOf(rule)));
  const [draft, setDraft] = useState<RuleRequest>(() => draftOf(rule));
  const dirty = JSON.stringify(draft) !== initial;
  const error = save.error ? describeError(save.error) : null;
  const target = error ? errorTarget(error) : null;
  const errorAt = (section: "conditions" | "actions", index: number) =>
    target?.section === section && (target.index === index || target.index === null) ? error : null;
  const needsTriage =
    !isTriageTrigger(draft.trigger) &&
    draft.conditions.some((condition) => TRIAGE_CONDITIONS.has(condition.type));

  const setConditions = (conditions: TRuleConditionInput[]) => setDraft({ ...draft, conditions });
  const setActions = (actions: TRuleActionInput[]) => setDraft({ ...draft, actions });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (readOnly) return;
    save.mutate(
      { id: rule?.id, body: { ...draft, name: draft.name.trim() } },
      {
        onSuccess: () => {
          notifySuccess(t("rules.saved"));
          onClose();
        },
      },
    );
  };

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size={760}
      title={
        <Title order={2} size="h4">
          {rule ? (readOnly ? rule.name : t("rules.editTitle")) : t("rules.newTitle")}
        </Title>
      }
      classNames={{ body: "rl-drawer-body" }}
    >
      <form onSubmit={submit} className="rl-drawer-form" data-testid="rule-form">
        {readOnly && rule ? (
          <RuleSummary rule={rule} names={names} />
        ) : (
          <fieldset className="rl-fieldset">
            <Stack gap="md">
              <Group align="flex-end" gap="sm" wrap="nowrap">
                <TextInput
                  label={t("rules.name")}
                  placeholder={t("rules.namePlaceholder")}
                  value={draft.name}
                  onChange={(event) => setDraft({ ...draft, name: event.currentTarget.value })}
                  error={target?.section === "name" ? error : undefined}
                  required
                  maxLength={120}
                  style={{ flex: 1 }}
                  data-autofocus
                  data-testid="rule-name"
                />
                <Switch
                  label={t("rules.enabled")}
                  checked={draft.enabled ?? true}
                  onChange={(event) => setDraft({ ...draft, enabled: event.currentTarget.checked })}
                  mb={6}
                />
              </Group>

              <Select
                label={t("rules.when")}
                description={t(`rules.triggerHelp.${triggerKey(draft.trigger)}`)}
                data={RULE_TRIGGERS.map((trigger) => ({
                  value: trigger,
                  label: t(`rules.triggers.${triggerKey(trigger)}`),
                }))}
                value={draft.trigger}
                onChange={(value) => value && setDraft({ ...draft, trigger: value as RuleTrigger })}
                allowDeselect={false}
                data-testid="rule-trigger"
              />

              <Divider
                label={
                  <Text size="sm" fw={600} c="dark.4">
                    {t("rules.ifAll")}
                  </Text>
                }
                labelPosition="left"
              />
              <Stack gap={8}>
                {draft.conditions.length === 0 && (
                  <Text size="xs" c="dimmed">
                    {t("rules.noConditions")}
                  </Text>
                )}
                {draft.conditions.map((condition, index) => (
                  <ConditionRow
                    // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no id; their order is their identity.
                    key={index}
                    index={index}
                    condition={condition}
                    onChange={(next) => setConditions(replaceAt(draft.conditions, index, next))}
                    onRemove={() => setConditions(draft.conditions.filter((_, at) => at !== index))}
                    error={errorAt("conditions", index)}
                  />
                ))}
                {needsTriage && (
                  <Alert color="yellow" variant="light" p="xs" icon={<IconBulb size={16} />}>
                    <Group justify="space-between" gap="xs" wrap="nowrap">
                      <Text size="xs">{t("rules.triageHint")}</Text>
                      <Button
                        size="compact-xs"
                        variant="light"
                        color="yellow"
                        onClick={() => setDraft({ ...draft, trigger: RULE_TRIGGERS[3] })}
                        style={{ flexShrink: 0 }}
                      >
                        {t("rules.useTriage")}
                      </Button>
                    </Group>
                  </Alert>
                )}
                {!readOnly && (
                  <Group>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      leftSection={<IconPlus size={14} />}
                      onClick={() =>
                        setConditions([...draft.conditions, emptyCondition("sentiment")])
                      }
                      data-testid="add-condition"
                    >
                      {t("rules.addCondition")}
                    </Button>
                  </Group>
                )}
              </Stack>

              <Divider
                label={
                  <Text size="sm" fw={600} c="dark.4">
                    {t("rules.then")}
                  </Text>
                }
                labelPosition="left"
              />
              <Stack gap={8}>
                {draft.actions.map((action, index) => (
                  <ActionRow
                    // biome-ignore lint/suspicious/noArrayIndexKey: actions have no id; their order is their identity.
                    key={index}
                    index={index}
                    action={action}
                    onChange={(next) => setActions(replaceAt(draft.actions, index, next))}
                    onRemove={() => setActions(draft.actions.filter((_, at) => at !== index))}
                    error={errorAt("actions", index)}
                  />
                ))}
                {!readOnly && (
                  <Group>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      leftSection={<IconPlus size={14} />}
                      onClick={() => setActions([...draft.actions, emptyAction("add_label")])}
                      data-testid="add-action"
                    >
                      {t("rules.addAction")}
                    </Button>
                  </Group>
                )}
              </Stack>
            </Stack>
          </fieldset>
        )}

        {rule && (
          <>
            <Divider
              label={
                <Text size="sm" fw={600} c="dark.4">
                  {t("rules.testTitle")}
                </Text>
              }
              labelPosition="left"
              my="md"
            />
            <RuleTest ruleId={rule.id} names={names} dirty={dirty} />
          </>
        )}

        {error && (
          <Alert color="red" variant="light" mt="md" p="sm" role="alert" data-testid="rule-error">
            <Text size="sm">{error}</Text>
          </Alert>
        )}
        {!readOnly && (
          <Group justify="flex-end" gap="sm" className="rl-drawer-footer">
            <Button variant="default" onClick={onClose}>
              {t("actions.cancel")}
            </Button>
            <Button
              type="submit"
              loading={save.isPending}
              disabled={!draft.name.trim() || draft.actions.length === 0}
              data-testid="rule-save"
            >
              {rule ? t("actions.save") : t("rules.create")}
            </Button>
          </Group>
        )}
      </form>
    </Drawer>
  );
}
