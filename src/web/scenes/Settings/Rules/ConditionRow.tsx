import { ActionIcon, Group, SegmentedControl, Select, Text, Tooltip } from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { RuleConditionType, TRuleConditionInput } from "../../../../shared/rules.ts";
import { ConditionValue } from "./ConditionValue.tsx";
import { CONDITION_TYPES, emptyCondition, negateLabels } from "./ruleModel.ts";

interface ConditionRowProps {
  condition: TRuleConditionInput;
  index: number;
  onChange: (condition: TRuleConditionInput) => void;
  onRemove: () => void;
  error?: string | null;
}

/** One condition: what is looked at, "is" or "is not", and the values. */
export function ConditionRow({ condition, index, onChange, onRemove, error }: ConditionRowProps) {
  const { t } = useTranslation();
  const [is, isNot] = negateLabels(condition.type, t);
  const label = t(`rules.conditions.${condition.type}`);
  return (
    <div
      className="rl-rule-row"
      data-invalid={error ? "true" : undefined}
      data-condition-index={index}
      data-condition-type={condition.type}
    >
      <Group gap={8} wrap="nowrap" align="flex-start">
        <Select
          size="xs"
          w={190}
          style={{ flexShrink: 0 }}
          aria-label={t("rules.conditionType", { number: index + 1 })}
          data={CONDITION_TYPES.map((type) => ({
            value: type,
            label: t(`rules.conditions.${type}`),
          }))}
          value={condition.type}
          onChange={(value) =>
            value &&
            value !== condition.type &&
            onChange(emptyCondition(value as RuleConditionType))
          }
          allowDeselect={false}
          data-testid="condition-type"
        />
        <SegmentedControl
          size="xs"
          style={{ flexShrink: 0 }}
          aria-label={t("rules.negateLabel")}
          data={[
            { value: "is", label: is },
            { value: "not", label: isNot },
          ]}
          value={condition.negate ? "not" : "is"}
          onChange={(value) => onChange({ ...condition, negate: value === "not" })}
          data-testid="condition-negate"
        />
        <div style={{ flex: 1, minWidth: 0 }}>
          <ConditionValue condition={condition} onChange={onChange} label={label} />
        </div>
        <Tooltip label={t("rules.removeCondition")}>
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={onRemove}
            aria-label={t("rules.removeCondition")}
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
