// Text normalisation shared by the language detector, the sentiment scorer and the classifier.

const URL_RE = /\b(?:https?:\/\/|www\.)\S+/gi;
const EMAIL_RE = /\b[\w.+-]+@[\w-]+\.[\w.-]+\b/g;
const MENTION_RE = /(^|[^\w])@[\w.]+/g;
const COMBINING_RE = /[\u0300-\u036f]/g;

/** Lower-case, strip accents, and spell out the ligatures: "Abîmé Œuvre" → "abime oeuvre". */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .normalize("NFD")
    .replace(COMBINING_RE, "")
    .replace(/[’‘`´]/g, "'");
}

/** Removes URLs, e-mail addresses and @mentions, which say nothing about language or topic. */
export function stripHandles(text: string): string {
  return text.replace(URL_RE, " ").replace(EMAIL_RE, " ").replace(MENTION_RE, "$1 ");
}

const EN_CONTRACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bwon't\b/g, "will not"],
  [/\bcan't\b/g, "can not"],
  [/\bcannot\b/g, "can not"],
  [/\bain't\b/g, "is not"],
  [/n't\b/g, " not"],
  [/'re\b/g, " are"],
  [/'ve\b/g, " have"],
  [/'ll\b/g, " will"],
  [/'d\b/g, " would"],
  [/'m\b/g, " am"],
];

/**
 * Folded word tokens. French elisions are split ("l'appli" → "l", "appli"; "n'est" → "ne",
 * "est"), English contractions expanded ("doesn't" → "does", "not"), hashtags keep their word.
 */
export function words(text: string): string[] {
  let t = fold(stripHandles(text));
  for (const [re, by] of EN_CONTRACTIONS) t = t.replace(re, by);
  t = t.replace(/\bn'/g, "ne ").replace(/\b([ljdcstm]|qu|jusqu|lorsqu|puisqu)'/g, "$1 ");
  return t.split(/[^a-z0-9]+/).filter((w) => w.length > 0);
}

function dropSuffix(word: string, suffixes: readonly string[], minStem: number): string {
  for (const suffix of suffixes) {
    if (word.endsWith(suffix) && word.length - suffix.length >= minStem) {
      return word.slice(0, word.length - suffix.length);
    }
  }
  return word;
}

const FR_SUFFIXES = [
  "issements",
  "issement",
  "atrices",
  "atrice",
  "ateurs",
  "ations",
  "ateur",
  "ation",
  "ements",
  "ement",
  "ments",
  "ment",
  "euses",
  "euse",
  "ables",
  "able",
  "istes",
  "iste",
  "ites",
  "ite",
  "aient",
  "erait",
  "eront",
  "erai",
  "ions",
  "ait",
  "ant",
  "ees",
  "ee",
  "es",
  "ez",
  "er",
  "ir",
  "e",
  "s",
  "x",
];

const EN_SUFFIXES = [
  "ational",
  "fulness",
  "iveness",
  "ization",
  "ations",
  "ation",
  "ments",
  "ment",
  "ness",
  "ably",
  "ible",
  "able",
  "ings",
  "ing",
  "ies",
  "ied",
  "ers",
  "ful",
  "est",
  "ly",
  "ed",
  "er",
  "es",
  "s",
  "e",
  "y",
];

/** A light suffix-stripping stemmer for folded French and English words (not Snowball, on purpose). */
export function stem(word: string, language: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (language === "fr") return dropSuffix(word, FR_SUFFIXES, 3);
  if (language === "en") return dropSuffix(word, EN_SUFFIXES, 3);
  return dropSuffix(word, ["s"], 3);
}
