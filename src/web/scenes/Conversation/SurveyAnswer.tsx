import { Badge, Group, Paper, Text } from "@mantine/core";
import { IconMoodSmile } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { TConversationSurvey } from "../../../shared/surveys.ts";

/** The survey of the conversation's latest resolution: the customer's answer, or its state. */
export function SurveyAnswer({
  survey,
  inPanel = false,
}: {
  survey: TConversationSurvey;
  /** In the customer panel: no outer margins, its own test id. */
  inPanel?: boolean;
}) {
  const { t } = useTranslation();
  const answered = survey.ces !== null || survey.csat !== null || survey.comment;
  return (
    <Paper
      withBorder
      p="xs"
      mx={inPanel ? 0 : 20}
      mt={inPanel ? 0 : 8}
      mb={inPanel ? "md" : 0}
      radius="md"
      data-testid={inPanel ? "customer-survey" : "survey-answer"}
    >
      <Group gap="xs" wrap="wrap">
        <IconMoodSmile size={16} aria-hidden />
        <Text size="sm" fw={600}>
          {t("surveys.answer.title")}
        </Text>
        {answered ? (
          <>
            {survey.ces !== null && (
              <Badge color={survey.ces <= 3 ? "red.9" : "teal.9"} variant="filled">
                {t("surveys.answer.ces", { score: survey.ces })}
              </Badge>
            )}
            {survey.csat !== null && (
              <Badge color={survey.csat <= 2 ? "red.9" : "teal.9"} variant="filled">
                {t("surveys.answer.csat", { score: survey.csat })}
              </Badge>
            )}
          </>
        ) : (
          <Text size="sm" c="gray.7">
            {t(`surveys.status.${survey.status}`)}
            {survey.status === "skipped" && survey.reason ? ` — ${survey.reason}` : ""}
          </Text>
        )}
      </Group>
      {survey.comment && (
        <Text size="sm" mt={4} className="rl-wrap">
          « {survey.comment} »
        </Text>
      )}
    </Paper>
  );
}
