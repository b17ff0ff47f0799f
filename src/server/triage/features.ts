import { conceptFeatures } from "./concepts.ts";
import { stem, stripHandles, words } from "./text.ts";

// Features for the category classifier: stemmed word unigrams (accents folded, stop words
// dropped, negations kept), emoji, cross-language concepts (concepts.ts), the message's
// sentiment, and two shape markers. Binary: each is present once. Concepts and sentiment are
// repeated (k:damage, k:damage#1) so that they weigh twice a word.
// The category model (model.ts) adds stemmed bigrams to these, computed on tweet-normalised
// text; they helped on real tweets (docs/triage.md).

const STOP_WORDS = new Set(
  `le la les l un une des du de d au aux a et ou en dans sur pour par avec ce cet cette ces c
  ca je j tu il elle on nous vous ils elles me m te t se s y mon ma mes ton ta tes son sa ses
  notre nos votre vos leur leurs qui que qu quoi est sont suis es etes ai as a avons avez ont
  etait ete etre avoir fait faire bonjour bonsoir salut hello hi hey dear merci cordialement
  svp stp the an and or of to in on at by for with from this that these those it its is are
  was were be been being am i my me we our you your he she they them their his her do does
  did have has had will would can could shall should may might please thanks thank regards
  there here just also so then than as if`.split(/\s+/),
);

const EMOJI_RE = /\p{Extended_Pictographic}/gu;
const NUMBER_RE = /^\d+$/;
const STRONG_WEIGHT = 2;

/** Stemmed content words of a message, numbers as "<num>". */
export function contentStems(text: string, language: string): string[] {
  const stems: string[] = [];
  for (const word of words(text)) {
    if (STOP_WORDS.has(word)) continue;
    stems.push(NUMBER_RE.test(word) ? "<num>" : stem(word, language));
  }
  return stems;
}

function addStrong(features: Set<string>, feature: string): void {
  for (let copy = 0; copy < STRONG_WEIGHT; copy += 1) {
    features.add(copy === 0 ? feature : `${feature}#${copy}`);
  }
}

/** The feature set of a message in a language ("fr", "en", or another code). */
export function extractFeatures(text: string, language: string, sentiment?: string): string[] {
  const features = new Set<string>();
  for (const stemmed of contentStems(text, language)) features.add(`w:${stemmed}`);
  for (const emoji of stripHandles(text).match(EMOJI_RE) ?? []) features.add(`e:${emoji}`);
  if (text.includes("?")) features.add("s:question");
  if (text.includes("!")) features.add("s:exclamation");
  for (const concept of conceptFeatures(text)) addStrong(features, concept);
  if (sentiment) addStrong(features, `p:${sentiment}`);
  return [...features];
}
