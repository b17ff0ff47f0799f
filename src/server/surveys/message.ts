import { SCALE_MAX, type SurveyKind, type TSurveySettings } from "../../shared/surveys.ts";

/** One question of a survey message, with a one-click link per score. */
export interface SurveyQuestion {
  kind: SurveyKind;
  text: string;
  max: number;
  low: string;
  high: string;
  links: Array<{ score: number; url: string }>;
}

/**
 * What a survey message carries besides its text (`metadata.survey` of the message): providers
 * that can show buttons, quick replies or links per score build them from it.
 */
export interface SurveyPayload {
  resolutionId: string;
  language: "fr" | "en";
  url: string;
  intro: string;
  questions: SurveyQuestion[];
}

export function surveyQuestions(
  settings: TSurveySettings,
  language: "fr" | "en",
  url: string,
): SurveyQuestion[] {
  const wording = settings.questions[language];
  return settings.ask.map((kind) => {
    const max = SCALE_MAX[kind];
    return {
      kind,
      text: kind === "ces" ? wording.ces : wording.csat,
      max,
      low: kind === "ces" ? wording.cesLow : wording.csatLow,
      high: kind === "ces" ? wording.cesHigh : wording.csatHigh,
      links: Array.from({ length: max }, (_, index) => ({
        score: index + 1,
        url: `${url}?${kind}=${index + 1}`,
      })),
    };
  });
}

/** The survey an outbound message carries, for providers that render it their own way. */
export function surveyOf(message: { metadata: Record<string, unknown> }): SurveyPayload | null {
  const survey = message.metadata.survey;
  return survey && typeof survey === "object" ? (survey as SurveyPayload) : null;
}
