import { surveyOf } from "../../surveys/message.ts";
import { firstQuestion, surveyChoices } from "../../surveys/native.ts";

/**
 * A survey message in the chat widget: inline buttons, one per score of the first question,
 * with what the ends of the scale mean. A tap sends the score ("6") as the visitor's message,
 * which the survey reply recognition records. Nothing for other messages.
 */
export function surveyButtons(row: { direction: string; metadata: Record<string, unknown> }): {
  choices?: Array<{ title: string; description: string | null }>;
} {
  const survey = row.direction === "out" ? surveyOf(row) : null;
  const question = survey ? firstQuestion(survey) : null;
  if (!survey || !question) return {};
  return {
    choices: surveyChoices(survey, question).map(({ title, description }) => ({
      title,
      description,
    })),
  };
}
