import type { SurveyPayload, SurveyQuestion } from "./message.ts";

/**
 * A survey asked natively on a messaging channel: the first question still to answer, one
 * choice per score. Each choice's title is the bare score ("6"), so the customer's tap comes
 * back as a message reading "6" that the reply recognition records as that score; its id (or
 * payload) names the resolution, the question and the score for whoever reads the raw event.
 */
export interface NativeChoice {
  id: string;
  title: string;
  /** What the ends of the scale mean, on the first and last choice. */
  description: string | null;
}

export function firstQuestion(survey: SurveyPayload): SurveyQuestion | null {
  return survey.questions[0] ?? null;
}

export function surveyChoices(survey: SurveyPayload, question: SurveyQuestion): NativeChoice[] {
  return question.links.map(({ score }) => ({
    id: `survey:${survey.resolutionId}:${question.kind}:${score}`,
    title: String(score),
    description: score === 1 ? question.low : score === question.max ? question.high : null,
  }));
}

/** Cuts a text to `max` characters (providers refuse longer fields), with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
