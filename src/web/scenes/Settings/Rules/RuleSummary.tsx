import { Alert, Badge, List, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { TRule } from "../../../../shared/rules.ts";
import { describeAction, describeCondition, type Names, triggerKey } from "./ruleModel.ts";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={600} mb={4}>
        {title}
      </Text>
      {children}
    </div>
  );
}

/** A rule in sentences, for those who may read rules but not change them. */
export function RuleSummary({ rule, names }: { rule: TRule; names: Names }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" data-testid="rule-summary">
      <Alert color="gray" variant="light" p="xs">
        <Text size="xs">{t("rules.readOnly")}</Text>
      </Alert>
      {!rule.enabled && (
        <Badge color="gray" variant="outline" w="fit-content">
          {t("rules.off")}
        </Badge>
      )}
      <Section title={t("rules.when")}>
        <Text size="sm">{t(`rules.triggers.${triggerKey(rule.trigger)}`)}</Text>
        <Text size="xs" c="dimmed">
          {t(`rules.triggerHelp.${triggerKey(rule.trigger)}`)}
        </Text>
      </Section>
      <Section title={t("rules.ifAll")}>
        {rule.conditions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("rules.noConditions")}
          </Text>
        ) : (
          <List size="sm" spacing={2}>
            {rule.conditions.map((condition, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no id; their order is their identity.
              <List.Item key={index}>{describeCondition(condition, t, names)}</List.Item>
            ))}
          </List>
        )}
      </Section>
      <Section title={t("rules.then")}>
        <List size="sm" spacing={2}>
          {rule.actions.map((action, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: actions have no id; their order is their identity.
            <List.Item key={index}>{describeAction(action, t, names)}</List.Item>
          ))}
        </List>
      </Section>
    </Stack>
  );
}
