import type { SurveyAnswer } from "./answers.ts";

/**
 * The change a `conversation.updated` event names when a survey answer brings a low CES or
 * CSAT: the rules' "survey.low_score" trigger reacts to it.
 */
export const LOW_SCORE_CHANGE = "survey.low_score";

/** The low scores of an answer against the account's thresholds ("CES 2/7, CSAT 1/5"), or null. */
export function lowScores(
  answer: SurveyAnswer,
  threshold: { ces: number; csat: number },
): string | null {
  const lowCes = answer.ces !== undefined && answer.ces <= threshold.ces;
  const lowCsat = answer.csat !== undefined && answer.csat <= threshold.csat;
  if (!lowCes && !lowCsat) return null;
  return [lowCes ? `CES ${answer.ces}/7` : null, lowCsat ? `CSAT ${answer.csat}/5` : null]
    .filter(Boolean)
    .join(", ");
}
