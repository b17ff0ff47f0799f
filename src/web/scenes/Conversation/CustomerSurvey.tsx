import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useConversation } from "../../hooks/api/conversations.ts";
import { SurveyAnswer } from "./SurveyAnswer.tsx";

/**
 * The customer panel's satisfaction section: the survey of this conversation's latest
 * resolution — the customer's CES and CSAT with their comment, or where the survey stands.
 * Nothing when no resolution has been surveyed.
 */
export function CustomerSurvey({ conversationId }: { conversationId: string | undefined }) {
  const { t } = useTranslation();
  const conversation = useConversation(conversationId);
  const survey = conversation.data?.survey;
  if (!survey) return null;
  return (
    <>
      <Text className="rl-panel-title">{t("surveys.answer.panelTitle")}</Text>
      <SurveyAnswer survey={survey} inPanel />
    </>
  );
}
