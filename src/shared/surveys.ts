import { z } from "zod";
import { CHANNEL_KINDS } from "./enums.ts";

const ZDateTime = z.string().describe("ISO 8601 date-time");

export const SURVEY_KINDS = ["ces", "csat"] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];
/** CES: agreement with "The company made it easy to handle my issue", 1 to 7; CSAT: 1 to 5. */
export const SCALE_MAX: Record<SurveyKind, number> = { ces: 7, csat: 5 };

const text = (max: number) => z.string().trim().min(1).max(max);

/** What the survey says to the customer, in one language. */
export const ZSurveyQuestions = z
  .object({
    intro: text(500).describe("Opens the survey message"),
    ces: text(300).describe("The CES statement the customer agrees with, 1 (not at all) to 7"),
    cesLow: text(60).describe("The label of 1 on the CES scale"),
    cesHigh: text(60).describe("The label of 7 on the CES scale"),
    csat: text(300).describe("The CSAT question, 1 (very dissatisfied) to 5"),
    csatLow: text(60),
    csatHigh: text(60),
    comment: text(300).describe("Invites an optional comment"),
    thanks: text(300).describe("Shown once the answer is recorded"),
  })
  .strict();
export type TSurveyQuestions = z.infer<typeof ZSurveyQuestions>;

/** An approved WhatsApp message template, as WhatsApp Manager names it. */
export const ZSurveyTemplate = z
  .object({
    name: z.string().trim().min(1).max(512).describe("The template's name"),
    language: z
      .string()
      .trim()
      .min(2)
      .max(15)
      .describe('Its language code as approved ("fr", "en_US")'),
  })
  .strict();

export const ZSurveySettings = z
  .object({
    enabled: z.boolean(),
    ask: z.array(z.enum(SURVEY_KINDS)).min(1).max(2),
    delayMinutes: z.number().int().min(0).max(10_080),
    channelKinds: z.array(z.enum(CHANNEL_KINDS)).max(CHANNEL_KINDS.length),
    skipIf: z
      .object({
        categories: z.array(z.string().min(1).max(60)).max(40).optional(),
        labels: z.array(z.string().min(1).max(60)).max(40).optional(),
      })
      .strict(),
    minDaysBetweenSurveys: z.number().int().min(0).max(365),
    lowScore: z
      .object({
        ces: z.number().int().min(1).max(7).describe("A CES at or below this is low"),
        csat: z.number().int().min(1).max(5).describe("A CSAT at or below this is low"),
      })
      .strict()
      .describe("A low answer notifies the team lead"),
    questions: z.object({ fr: ZSurveyQuestions, en: ZSurveyQuestions }).strict(),
    whatsappTemplate: z
      .object({ fr: ZSurveyTemplate.optional(), en: ZSurveyTemplate.optional() })
      .strict()
      .optional()
      .describe(
        "The approved WhatsApp template that asks the survey once the 24-hour window has closed, " +
          "per customer language; its body takes one parameter, the survey's link",
      ),
  })
  .strict();
export type TSurveySettings = z.infer<typeof ZSurveySettings>;

export const DEFAULT_QUESTIONS: TSurveySettings["questions"] = {
  fr: {
    intro: "Votre demande est résolue. Deux questions rapides pour nous aider à nous améliorer :",
    ces: "L'entreprise m'a facilité le traitement de ma demande.",
    cesLow: "Pas du tout d'accord",
    cesHigh: "Tout à fait d'accord",
    csat: "Êtes-vous satisfait(e) de l'aide reçue ?",
    csatLow: "Très insatisfait(e)",
    csatHigh: "Très satisfait(e)",
    comment: "Un commentaire ? (facultatif)",
    thanks: "Merci, votre réponse est enregistrée.",
  },
  en: {
    intro: "Your request is resolved. Two quick questions to help us improve:",
    ces: "The company made it easy to handle my issue.",
    cesLow: "Strongly disagree",
    cesHigh: "Strongly agree",
    csat: "How satisfied are you with the help you received?",
    csatLow: "Very dissatisfied",
    csatHigh: "Very satisfied",
    comment: "Anything to add? (optional)",
    thanks: "Thank you, your answer is recorded.",
  },
};

/** Off until an admin turns surveys on: an upgrade never starts asking customers on its own. */
export const DEFAULT_SURVEY_SETTINGS: TSurveySettings = {
  enabled: false,
  ask: ["ces", "csat"],
  delayMinutes: 0,
  channelKinds: CHANNEL_KINDS.filter((kind) => kind !== "phone"),
  skipIf: {},
  minDaysBetweenSurveys: 14,
  lowScore: { ces: 3, csat: 2 },
  questions: DEFAULT_QUESTIONS,
};

export const ZSurveyResponse = z.object({
  id: z.string().describe("The resolution the answer is about"),
  conversationId: z.string(),
  contactId: z.string(),
  channelId: z.string().nullable(),
  teamId: z.string().nullable(),
  assigneeId: z.string().nullable(),
  category: z.string().nullable(),
  resolvedAt: ZDateTime,
  ces: z.number().nullable(),
  csat: z.number().nullable(),
  comment: z.string().nullable(),
  source: z.string().nullable().describe("page, link (one click in the message) or reply"),
  answeredAt: ZDateTime.nullable(),
});
export type TSurveyResponse = z.infer<typeof ZSurveyResponse>;

/** The survey of a conversation's latest resolution, as `GET /api/v1/conversations/:id` shows it. */
export const ZConversationSurvey = ZSurveyResponse.extend({
  status: z.enum(["pending", "sent", "skipped", "answered"]),
  reason: z.string().nullable().describe("Why it was not sent, when skipped"),
  sentAt: ZDateTime.nullable(),
});
export type TConversationSurvey = z.infer<typeof ZConversationSurvey>;

export const ZEffortReport = z.object({
  ces: z.object({
    mean: z.number().nullable(),
    responses: z.number(),
    distribution: z.record(z.string(), z.number()).describe("Answers per score, 1 to 7"),
  }),
  csat: z.object({
    mean: z.number().nullable(),
    responses: z.number(),
    satisfiedRate: z.number().nullable().describe("Share of 4 and 5"),
  }),
  responseRate: z.number().nullable().describe("Answered surveys per survey sent"),
  contactsPerResolution: z.object({ mean: z.number().nullable(), median: z.number().nullable() }),
  firstContactResolutionRate: z
    .number()
    .nullable()
    .describe("Resolved in one contact, without a repeat within the window and without a reopen"),
  reopenRate: z.number().nullable(),
  channelSwitchRate: z.number().nullable(),
  resolutions: z.number(),
  repeatRate: z
    .number()
    .nullable()
    .describe("Share of resolutions the customer came back about (a linked repeat)"),
});
export type TEffortReport = z.infer<typeof ZEffortReport>;

/** The two sentences Relais adds to every survey message, per language. */
const SURVEY_MESSAGE_STRINGS = {
  fr: {
    replyWith: "Répondez simplement par un chiffre de 1 ({low}) à {max} ({high}).",
    answerOnline: "Ou répondez en ligne, en un clic : {url}",
  },
  en: {
    replyWith: "Just reply with a number from 1 ({low}) to {max} ({high}).",
    answerOnline: "Or answer online, in one click: {url}",
  },
} as const;

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "");

/**
 * The survey as plain text, which every channel can carry: the intro, the first question with
 * the number to reply (recognised when it comes back), then the link to the survey page.
 */
export function surveyMessageText(
  settings: Pick<TSurveySettings, "ask" | "questions">,
  language: "fr" | "en",
  url: string,
): string {
  const wording = settings.questions[language];
  const strings = SURVEY_MESSAGE_STRINGS[language];
  const lines: string[] = [wording.intro, ""];
  const first = settings.ask[0];
  if (first) {
    lines.push(first === "ces" ? wording.ces : wording.csat);
    lines.push(
      fill(strings.replyWith, {
        low: first === "ces" ? wording.cesLow : wording.csatLow,
        high: first === "ces" ? wording.cesHigh : wording.csatHigh,
        max: String(SCALE_MAX[first]),
      }),
    );
    lines.push("");
  }
  lines.push(fill(strings.answerOnline, { url }));
  return lines.join("\n");
}
