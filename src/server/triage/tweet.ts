// Real customers write to support accounts the way people tweet: handles, links, hashtags in
// camel case, stretched words ("sooo"), emoji, repeated punctuation. These helpers turn that
// into features a model can share across messages.

const URL_RE = /\b(?:https?:\/\/|www\.)\S+/gi;
const MENTION_RE = /(^|[^\w])@[\w.]+/g;
const HASHTAG_RE = /#(\w+)/g;

/** Splits "#NeverAgain" into "never again", keeps other text, replaces links and handles. */
export function normaliseTweet(text: string): string {
  return text
    .replace(URL_RE, " <url> ")
    .replace(MENTION_RE, "$1 ")
    .replace(HASHTAG_RE, (_, tag: string) => ` ${tag.replace(/([a-z])([A-Z])/g, "$1 $2")} `)
    .replace(/(\p{L})\1{2,}/gu, "$1$1")
    .replace(/\s+/g, " ")
    .trim();
}
