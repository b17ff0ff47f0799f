import { SCALE_MAX, type SurveyKind } from "../../shared/surveys.ts";

/** Replies longer than this are a message to the agent, not a score. */
const MAX_ANSWER_LENGTH = 40;

const normalise = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[.!,;:]+$/g, "")
    .trim();

/** Words and emoji, on a 1 (worst) to 5 (best) feeling scale. */
const FEELINGS: ReadonlyArray<[RegExp, number]> = [
  [
    /^(tres|super|vraiment) (facile|simple)$|^(very|super|really) (easy|simple)$|^(tres satisfaite?|very satisfied|parfait|perfect|excellent)$/,
    5,
  ],
  [/^(facile|simple|easy|satisfaite?|satisfied|bien|good|great|top)$/, 4],
  [/^(moyen|bof|ok|okay|neutre|neutral|so-so)$/, 3],
  [
    /^(difficile|complique|hard|difficult|pas facile|not easy|insatisfaite?|dissatisfied|pas satisfaite?|not satisfied|mauvais|bad)$/,
    2,
  ],
  [
    /^(tres|vraiment) (difficile|complique)$|^(very|really) (hard|difficult)$|^(tres insatisfaite?|very dissatisfied|horrible|terrible|nul)$/,
    1,
  ],
];
const EMOJI: ReadonlyArray<[RegExp, number]> = [
  [/^(😍|🤩|🥰|❤️|💯|👏)+$/u, 5],
  [/^(👍|🙂|😊|😀|😃|👌|✅)+$/u, 4],
  [/^(😐|🤷)+$/u, 3],
  [/^(👎|🙁|😕|😞|😒)+$/u, 2],
  [/^(😡|😠|🤬)+$/u, 1],
];
/** A feeling (1–5) on the CES scale (1–7). */
const FEELING_TO_CES = [0, 1, 2, 4, 6, 7];

/**
 * The score a short reply gives on `kind`'s scale, when a survey waits: a number ("6",
 * "6/7", "note : 6"), a word ("très facile", "easy") or an emoji ("👍"). Null when it is not
 * an answer (a longer message, a number off the scale).
 */
export function parseSurveyReply(text: string, kind: SurveyKind): number | null {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > MAX_ANSWER_LENGTH) return null;
  const max = SCALE_MAX[kind];
  const plain = normalise(trimmed);
  const number =
    /^(?:(?:note|score|ma note)\s*:?\s*)?(\d{1,2})(?:\s*(?:\/|sur|out of|of)\s*\d{1,2})?$/.exec(
      plain,
    );
  if (number?.[1]) {
    const score = Number(number[1]);
    return score >= 1 && score <= max ? score : null;
  }
  const compact = trimmed.replace(/\s|\uFE0F/g, "");
  const feeling =
    FEELINGS.find(([pattern]) => pattern.test(plain))?.[1] ??
    EMOJI.find(([pattern]) => pattern.test(compact) || pattern.test(trimmed))?.[1];
  if (!feeling) return null;
  return kind === "ces" ? (FEELING_TO_CES[feeling] ?? null) : feeling;
}

/** Whether a message reads as a score on either scale (before knowing which question waits). */
export function looksLikeSurveyAnswer(text: string): boolean {
  return parseSurveyReply(text, "ces") !== null || parseSurveyReply(text, "csat") !== null;
}
