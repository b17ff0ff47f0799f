import type { Message } from "../../db/schema.ts";
import { surveyOf } from "../../surveys/message.ts";
import { clip, firstQuestion, surveyChoices } from "../../surveys/native.ts";

const BUTTON = { fr: "Choisir une note", en: "Choose a score" } as const;

/**
 * A survey message as a WhatsApp interactive list (Cloud API `type: "interactive"`,
 * `interactive.type: "list"`): the message's text (question, scale and link) as its body, one
 * row per score of the first question — up to 10 rows, titles of 24 characters, descriptions of
 * 72, a body of 1,024, a button of 20. Reply buttons allow only three, too few for a 1–5 or 1–7
 * scale. The customer's choice arrives as an `interactive.list_reply` whose title is the score.
 * Null for any other message, which is sent as text.
 */
export function surveyListBody(message: Message): Record<string, unknown> | null {
  const survey = surveyOf(message);
  const question = survey ? firstQuestion(survey) : null;
  if (!survey || !question || question.max > 10) return null;
  return {
    type: "interactive",
    interactive: {
      type: "list",
      body: { text: clip(message.text, 1024) },
      action: {
        button: BUTTON[survey.language],
        sections: [
          {
            title: clip(question.kind.toUpperCase(), 24),
            rows: surveyChoices(survey, question).map((choice) => ({
              id: choice.id,
              title: choice.title,
              ...(choice.description ? { description: clip(choice.description, 72) } : {}),
            })),
          },
        ],
      },
    },
  };
}
