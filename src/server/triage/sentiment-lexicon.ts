import { isNegatable, type Lexicon, lexiconsFor, lookupWord } from "./lexicon.ts";
import {
  CONTRASTS,
  DIMINISHERS,
  EXPLICIT_IRONY_RE,
  INTENSIFIERS,
  IRONY_PRONE,
  LAUGHTER,
  NEGATORS,
  POST_NEGATORS,
  REPETITION,
  THANKS,
} from "./sentiment-rules.ts";
import { isShouting, type SentimentToken, sentimentTokens } from "./sentiment-tokens.ts";

/** A polar word, phrase or emoji found in the message, with the rules' effects applied. */
interface Item {
  value: number;
  start: number;
  end: number;
  key: string;
  negated: boolean;
  emoji: boolean;
  ironyEmoji: boolean;
}

const NEGATED_POSITIVE = -0.75;
const NEGATED_NEGATIVE = -0.4;
const NEGATED_NEUTRAL = -2;
const INTENSIFY = 1.4;
const DIMINISH = 0.6;
const CAPS = 1.5;
const NEGATION_WINDOW = 3;
const NORMALISATION_ALPHA = 15;

type Word = Extract<SentimentToken, { kind: "word" }>;

function wordAt(tokens: readonly SentimentToken[], index: number): Word | undefined {
  const token = tokens[index];
  return token?.kind === "word" ? token : undefined;
}

function phraseAt(
  tokens: readonly SentimentToken[],
  start: number,
  lexicons: readonly Lexicon[],
): { value: number; length: number; key: string; negatable: boolean } | undefined {
  for (const lexicon of lexicons) {
    for (let length = lexicon.maxPhrase; length >= 2; length -= 1) {
      const parts: string[] = [];
      for (let i = start; i < start + length; i += 1) {
        const word = wordAt(tokens, i);
        if (!word) break;
        parts.push(word.norm);
      }
      if (parts.length !== length) continue;
      const key = parts.join(" ");
      const value = lexicon.scores.get(key);
      if (value !== undefined) return { value, length, key, negatable: false };
    }
  }
  const word = wordAt(tokens, start);
  if (!word) return undefined;
  for (const lexicon of lexicons) {
    const value = lookupWord(lexicon, word.norm);
    if (value !== undefined) return { value, length: 1, key: word.norm, negatable: false };
  }
  const negatable = lexicons.some((lexicon) => isNegatable(lexicon, word.norm));
  return negatable ? { value: 0, length: 1, key: word.norm, negatable } : undefined;
}

function isPreNegated(tokens: readonly SentimentToken[], start: number): boolean {
  for (let i = start - 1, seen = 0; i >= 0 && seen < NEGATION_WINDOW; i -= 1, seen += 1) {
    const word = wordAt(tokens, i);
    if (!word || CONTRASTS.has(word.norm)) return false;
    if (NEGATORS.has(word.norm)) return true;
  }
  return false;
}

function modifier(tokens: readonly SentimentToken[], start: number): number {
  let factor = 1;
  for (let i = start - 1; i >= Math.max(0, start - 2); i -= 1) {
    const word = wordAt(tokens, i);
    if (!word) break;
    if (INTENSIFIERS.has(word.norm) || /^so+$/.test(word.norm)) factor *= INTENSIFY;
    else if (DIMINISHERS.has(word.norm)) factor *= DIMINISH;
    else if (!NEGATORS.has(word.norm)) break;
  }
  return factor;
}

function negate(value: number, negatable: boolean): number {
  if (negatable) return NEGATED_NEUTRAL;
  return value > 0 ? value * NEGATED_POSITIVE : value * NEGATED_NEGATIVE;
}

/** The item starting at a word, if any, and where the next one may start. */
function wordItem(
  tokens: readonly SentimentToken[],
  start: number,
  lexicons: readonly Lexicon[],
  shouting: boolean,
): { item?: Item; end: number } {
  const found = phraseAt(tokens, start, lexicons);
  if (!found) return { end: start + 1 };
  const end = start + found.length;
  const word = wordAt(tokens, start);
  // "super lent": an intensifier that is also a polar word only modifies the next polar word.
  if (found.length === 1 && word && INTENSIFIERS.has(word.norm)) {
    const next = phraseAt(tokens, end, lexicons);
    if (next && (next.value !== 0 || next.negatable)) return { end };
  }
  const after = wordAt(tokens, end);
  const postNegated = found.negatable && after !== undefined && POST_NEGATORS.has(after.norm);
  const negated = isPreNegated(tokens, start) || postNegated;
  // A phrase worth 0 ("would be great", "par défaut") is consumed so its words are not scored.
  if (found.value === 0 && !negated) return { end };
  let value = found.value * modifier(tokens, start);
  const caps = tokens.slice(start, end).some((t) => t.kind === "word" && t.caps);
  if (caps && !shouting) value *= CAPS;
  if (negated) value = negate(value, found.negatable) * modifier(tokens, start);
  return {
    item: { value, start, end, key: found.key, negated, emoji: false, ironyEmoji: false },
    end,
  };
}

function collectItems(tokens: readonly SentimentToken[], lexicons: readonly Lexicon[]): Item[] {
  const shouting = isShouting(tokens);
  const items: Item[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (token.kind === "emoji") {
      const item = { value: token.value, start: i, end: i + 1, key: "", negated: false };
      items.push({ ...item, emoji: true, ironyEmoji: token.irony });
      i += 1;
      continue;
    }
    if (token.kind !== "word") {
      i += 1;
      continue;
    }
    const { item, end } = wordItem(tokens, i, lexicons, shouting);
    if (item) items.push(item);
    i = end;
  }
  return items;
}

function hasWord(tokens: readonly SentimentToken[], list: ReadonlySet<string>): boolean {
  return tokens.some((t) => t.kind === "word" && list.has(t.norm));
}

function nextToEllipsis(tokens: readonly SentimentToken[], item: Item): boolean {
  const isEllipsis = (t: SentimentToken | undefined) =>
    t?.kind === "punct" && (t.text.includes("…") || t.text.includes(".."));
  const before = tokens[item.start - 1];
  const atEnd = item.end >= tokens.length || tokens.slice(item.end).every((t) => t.kind !== "word");
  return isEllipsis(tokens[item.end]) || (atEnd && isEllipsis(before));
}

/** Sarcasm: praise words in a complaint, next to "…", or with an explicit "/s" or "#not". */
function applyIrony(text: string, tokens: readonly SentimentToken[], items: Item[]): number {
  const explicit = EXPLICIT_IRONY_RE.test(text);
  const negativeSum = items
    .filter((item) => item.value < 0 && !item.ironyEmoji)
    .reduce((sum, item) => sum + item.value, 0);
  const mocking =
    items.some((item) => item.ironyEmoji) ||
    hasWord(tokens, LAUGHTER) ||
    hasWord(tokens, REPETITION);
  const complaint = negativeSum <= -2 || (negativeSum < 0 && mocking);
  const contrast = hasWord(tokens, CONTRASTS);
  let flipped = 0;
  for (const item of items) {
    if (item.value <= 0 || item.negated) continue;
    const prone = IRONY_PRONE.has(item.key) || IRONY_PRONE.has(item.key.split(" ")[0] ?? "");
    const ironic =
      explicit || (prone && (nextToEllipsis(tokens, item) || (complaint && !contrast)));
    if (!ironic) continue;
    item.value = -0.8 * item.value;
    flipped += 1;
  }
  for (const item of items) {
    if (!item.ironyEmoji) continue;
    item.value = complaint || flipped > 0 || explicit ? -1.5 : -0.5;
  }
  if (explicit && flipped === 0) return -1.5;
  return 0;
}

function applyContrast(tokens: readonly SentimentToken[], items: Item[]): void {
  let pivot = -1;
  tokens.forEach((t, i) => {
    if (t.kind === "word" && CONTRASTS.has(t.norm)) pivot = i;
  });
  if (pivot < 0) return;
  for (const item of items) item.value *= item.start < pivot ? 0.5 : 1.5;
}

/** In a request ("…? Merci"), thanks are politeness, not praise. */
function applyPoliteness(tokens: readonly SentimentToken[], items: Item[]): void {
  const asks = tokens.some((t) => t.kind === "punct" && t.text.includes("?"));
  if (!asks) return;
  for (const item of items) {
    if (item.value > 0 && THANKS.has(item.key.split(" ")[0] ?? "")) item.value *= 0.3;
  }
}

const REQUEST_WORDS = new Set(["help", "aide", "aider", "please", "pls", "plz", "svp", "stp"]);

/**
 * A polite, factual report of a problem ("having trouble with my cable box, can you help?")
 * is neutral for real customers: problem words (error, issue, trouble, won't) weigh
 * REPORT_DAMP of their value when the message asks for help and nothing in it shows
 * emotion (no strong word, no irony, no "!!" or "??", no shouting).
 */
const REPORT_DAMP = 0.4;
function applyReport(tokens: readonly SentimentToken[], items: Item[], irony: boolean): void {
  const asks =
    tokens.some((t) => t.kind === "punct" && t.text.includes("?")) ||
    hasWord(tokens, REQUEST_WORDS);
  if (!asks || irony || isShouting(tokens)) return;
  if (tokens.some((t) => t.kind === "punct" && /\?\?|!!|\?!|!\?/.test(t.text))) return;
  if (items.some((item) => item.value <= -3 || (item.emoji && item.value < 0))) return;
  for (const item of items) if (item.value < 0) item.value *= REPORT_DAMP;
}

function punctuationEffect(tokens: readonly SentimentToken[], items: Item[], sum: number): number {
  const punct = tokens.filter((t) => t.kind === "punct").map((t) => t.text);
  const exclamations = Math.min(4, punct.join("").split("!").length - 1);
  const frustrated = punct.some((p) => /\?\?|\?!|!\?/.test(p));
  let total = sum;
  if (frustrated && total <= 0.5) total -= 1;
  total *= 1 + 0.1 * exclamations;
  if (isShouting(tokens)) {
    total *= 1.3;
    if (!items.some((item) => item.value > 0) && total > -1.5) total -= 1.5;
  }
  return total;
}

/** The scored items of a message, for explaining a score (tests, evaluation). */
export function sentimentItems(
  text: string,
  language: string,
): Array<{ key: string; value: number }> {
  const tokens = sentimentTokens(text);
  const items = collectItems(tokens, lexiconsFor(language));
  applyIrony(text, tokens, items);
  return items.map((item) => ({ key: item.key, value: Math.round(item.value * 100) / 100 }));
}

/**
 * Lexicon-and-rules sentiment score of a customer message in [-1, 1], for French or English
 * (another language falls back to both lexicons): the sum S of the items' valences after the
 * rules, normalised as S / √(S² + 15) as VADER does.
 */
export function lexiconSentiment(text: string, language: string): number {
  const tokens = sentimentTokens(text);
  const items = collectItems(tokens, lexiconsFor(language));
  const ironyBonus = applyIrony(text, tokens, items);
  applyContrast(tokens, items);
  applyPoliteness(tokens, items);
  applyReport(tokens, items, ironyBonus !== 0 || items.some((item) => item.ironyEmoji));
  const sum = items.reduce((total, item) => total + item.value, ironyBonus);
  const total = punctuationEffect(tokens, items, sum);
  return total / Math.sqrt(total * total + NORMALISATION_ALPHA);
}
