import { Alert, Button, Group, List, Stack, Text, ThemeIcon, VisuallyHidden } from "@mantine/core";
import { IconCheck, IconFlask, IconX } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConversationPicker } from "../../../components/ConversationPicker.tsx";
import { useTestRule } from "../../../hooks/api/rules.ts";
import { describeError } from "../../../lib/notify.ts";
import { describeAction, describeCondition, type Names } from "./ruleModel.ts";

interface RuleTestProps {
  ruleId: string;
  names: Names;
  /** The form has changes not saved yet: the test runs the saved rule. */
  dirty: boolean;
}

/** "Test on a conversation": which conditions hold for it now (✓/✗); nothing is changed. */
export function RuleTest({ ruleId, names, dirty }: RuleTestProps) {
  const { t } = useTranslation();
  const [conversationId, setConversationId] = useState<string | null>(null);
  const test = useTestRule();
  const result = test.data;

  return (
    <Stack gap="xs" data-testid="rule-test">
      <Group gap={8} align="flex-end" wrap="nowrap">
        <div style={{ flex: 1, minWidth: 0 }}>
          <ConversationPicker
            label={t("rules.testOn")}
            value={conversationId}
            onChange={(id) => {
              setConversationId(id);
              test.reset();
            }}
            testId="rule-test-conversation"
          />
        </div>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconFlask size={14} />}
          disabled={!conversationId}
          loading={test.isPending}
          onClick={() => conversationId && test.mutate({ id: ruleId, conversationId })}
          data-testid="rule-test-run"
        >
          {t("rules.test")}
        </Button>
      </Group>
      {dirty && (
        <Text size="xs" c="dimmed">
          {t("rules.testSavedVersion")}
        </Text>
      )}
      {test.error && (
        <Text size="xs" c="red" role="alert">
          {describeError(test.error)}
        </Text>
      )}
      {result && (
        <Alert
          color={result.matched ? "teal" : "gray"}
          variant="light"
          p="sm"
          data-testid="rule-test-result"
          data-matched={result.matched}
        >
          <Text size="sm" fw={600} mb={6}>
            {result.matched ? t("rules.testMatched") : t("rules.testNotMatched")}
          </Text>
          {result.conditions.length === 0 && (
            <Text size="xs" c="dimmed">
              {t("rules.noConditions")}
            </Text>
          )}
          <List spacing={4} size="sm" center>
            {result.conditions.map((item, index) => (
              <List.Item
                // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no id; their order is their identity.
                key={index}
                data-condition-result={item.matched ? "match" : "miss"}
                icon={
                  <ThemeIcon size={18} radius="xl" color={item.matched ? "teal" : "red"}>
                    {item.matched ? <IconCheck size={12} /> : <IconX size={12} />}
                  </ThemeIcon>
                }
              >
                <Text size="xs" className="rl-wrap">
                  <VisuallyHidden>
                    {item.matched ? t("rules.holds") : t("rules.doesNotHold")}
                  </VisuallyHidden>
                  {describeCondition(item.condition, t, names)}
                </Text>
              </List.Item>
            ))}
          </List>
          {result.matched && (
            <Text size="xs" mt={8}>
              {t("rules.wouldDo", {
                actions: result.actions
                  .map((action) => describeAction(action, t, names))
                  .join(", "),
              })}
            </Text>
          )}
        </Alert>
      )}
    </Stack>
  );
}
