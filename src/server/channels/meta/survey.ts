import type { Message } from "../../db/schema.ts";
import { surveyOf } from "../../surveys/message.ts";
import { firstQuestion, surveyChoices } from "../../surveys/native.ts";

/**
 * Quick replies for a survey message on Messenger and Instagram (Send API
 * `message.quick_replies`, `content_type: "text"`, at most 13, titles of 20 characters): one per
 * score of the first question. A tap sends a message whose text is the score ("6") with the
 * quick reply's payload; the text is what the survey reply recognition reads. Empty for any other
 * message.
 */
export function surveyQuickReplies(message: Message): { quick_replies?: unknown[] } {
  const survey = surveyOf(message);
  const question = survey ? firstQuestion(survey) : null;
  if (!survey || !question || question.max > 13) return {};
  return {
    quick_replies: surveyChoices(survey, question).map((choice) => ({
      content_type: "text",
      title: choice.title,
      payload: choice.id,
    })),
  };
}
