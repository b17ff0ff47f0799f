/**
 * A listening query's terms, as people type them: a word (`relais`), a phrase in quotes
 * (`"relais box"`) or a hashtag (`#relais`); and the matching of a post against a query, for
 * what a network's search cannot filter itself (exclusions and languages on Mastodon and
 * Bluesky) and for the live test over stored mentions. Pure.
 */

export type Term =
  | { kind: "word"; value: string }
  | { kind: "phrase"; value: string }
  | { kind: "hashtag"; value: string };

export interface QueryTerms {
  terms: readonly string[];
  excludeTerms?: readonly string[];
  languages?: readonly string[];
}

export function parseTerm(raw: string): Term {
  const text = raw.trim();
  const quoted = /^"(.+)"$/.exec(text);
  if (quoted?.[1]) return { kind: "phrase", value: quoted[1].trim().replace(/\s+/g, " ") };
  if (/^#[\p{L}\p{N}_]+$/u.test(text)) return { kind: "hashtag", value: text.slice(1) };
  // A bare text of several words is a phrase too: a network would otherwise read "a b" as a AND b.
  if (/\s/.test(text)) return { kind: "phrase", value: text.replace(/\s+/g, " ") };
  return { kind: "word", value: text.replace(/^#/, "") };
}

/** How a term is written in a search query: phrases quoted, hashtags with their `#`. */
export function termText(term: Term): string {
  if (term.kind === "phrase") return `"${term.value.replace(/"/g, "")}"`;
  if (term.kind === "hashtag") return `#${term.value}`;
  return term.value;
}

/** Lower case, accents folded, so that "Écran" and "ecran" meet as the search index has them. */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether the folded text contains the term: whole words, a phrase's words in order, a hashtag. */
export function containsTerm(text: string, term: Term): boolean {
  const folded = fold(text);
  const value = fold(term.value);
  if (term.kind === "hashtag") {
    return new RegExp(`(^|[^\\p{L}\\p{N}_])#${escapeRegExp(value)}(?![\\p{L}\\p{N}_])`, "u").test(
      folded,
    );
  }
  const words = value.split(" ").map(escapeRegExp).join("[\\s\\p{P}]+");
  return new RegExp(`(^|[^\\p{L}\\p{N}_])#?${words}(?![\\p{L}\\p{N}_])`, "u").test(folded);
}

/** Whether a post (its text and language, when known) answers the query. */
export function matchesQuery(
  post: { text: string; language: string | null },
  query: QueryTerms,
): boolean {
  const languages = query.languages ?? [];
  if (languages.length > 0 && post.language && !languages.includes(post.language)) return false;
  if (!query.terms.some((raw) => containsTerm(post.text, parseTerm(raw)))) return false;
  return !(query.excludeTerms ?? []).some((raw) => containsTerm(post.text, parseTerm(raw)));
}

/** The terms of the query a post contains, as typed: for the stats' top terms. */
export function termsFound(text: string, terms: readonly string[]): string[] {
  return terms.filter((raw) => containsTerm(text, parseTerm(raw)));
}
