import { EMOJI_SCORES, EMOTICON_PATTERN, IRONY_EMOJI } from "./emoji.ts";
import { stripHandles, words } from "./text.ts";

/** A token of a message as the sentiment scorer sees it. */
export type SentimentToken =
  | { kind: "word"; norm: string; caps: boolean }
  | { kind: "emoji"; value: number; irony: boolean }
  | { kind: "punct"; text: string };

const TOKEN_RE = new RegExp(
  [
    `(?<emoticon>(?<=^|\\s)(?:${EMOTICON_PATTERN})(?=$|\\s|[.!?,]))`,
    "(?<sarcasm>(?<=^|\\s)/s(?=$|\\s))",
    "(?<word>[\\p{L}\\p{N}]+(?:['’][\\p{L}\\p{N}]+)*)",
    "(?<emoji>\\p{Extended_Pictographic}(?:\\uFE0F|[\\u{1F3FB}-\\u{1F3FF}]|\\u200D\\p{Extended_Pictographic})*)",
    "(?<punct>[!?.…,;:]+)",
  ].join("|"),
  "gu",
);

const SKIN_TONES_RE = /[\u{1F3FB}-\u{1F3FF}\uFE0F]/gu;

function isCaps(raw: string): boolean {
  const letters = raw.replace(/[^\p{L}]/gu, "");
  return letters.length >= 2 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters);
}

function emojiToken(text: string): SentimentToken {
  const bare = text.replace(SKIN_TONES_RE, "");
  const irony = IRONY_EMOJI.has(bare);
  return { kind: "emoji", value: EMOJI_SCORES.get(bare) ?? 0, irony };
}

/** Words (folded, elisions split), emoji and emoticons with their valence, punctuation runs. */
export function sentimentTokens(text: string): SentimentToken[] {
  const tokens: SentimentToken[] = [];
  for (const match of stripHandles(text).matchAll(TOKEN_RE)) {
    const groups = match.groups ?? {};
    if (groups.emoticon !== undefined) {
      tokens.push({ kind: "emoji", value: EMOJI_SCORES.get(groups.emoticon) ?? 0, irony: false });
    } else if (groups.sarcasm !== undefined) {
      tokens.push({ kind: "punct", text: "/s" });
    } else if (groups.word !== undefined) {
      const caps = isCaps(groups.word);
      for (const norm of words(groups.word)) tokens.push({ kind: "word", norm, caps });
    } else if (groups.emoji !== undefined) {
      tokens.push(emojiToken(groups.emoji));
    } else if (groups.punct !== undefined) {
      tokens.push({ kind: "punct", text: groups.punct });
    }
  }
  return tokens;
}

/** True when most of the message's words are written in capitals: the customer is shouting. */
export function isShouting(tokens: readonly SentimentToken[]): boolean {
  let letterWords = 0;
  let capsWords = 0;
  for (const token of tokens) {
    if (token.kind !== "word" || token.norm.length < 2 || /^\d+$/.test(token.norm)) continue;
    letterWords += 1;
    if (token.caps) capsWords += 1;
  }
  return capsWords >= 2 && capsWords / letterWords >= 0.6;
}
