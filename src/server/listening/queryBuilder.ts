import { parseTerm, type QueryTerms, type Term, termText } from "./terms.ts";

/**
 * What each network is asked for a query. Pure: the pollers (poll*.ts) send these requests.
 *
 * - X `GET /2/tweets/search/recent` takes one query with `OR`, `-` exclusions and `lang:`
 *   operators (512 characters at most on the Basic and Pro tiers); retweets are left out, they
 *   repeat a post already counted.
 * - Mastodon searches one text at a time (`/api/v2/search?type=statuses&q=`) and reads a
 *   hashtag's public timeline (`/api/v1/timelines/tag/:hashtag`); exclusions and languages are
 *   applied to what comes back (`matchesQuery`).
 * - Bluesky `app.bsky.feed.searchPosts` takes one text per search, `lang` for one language;
 *   exclusions and other languages are applied to what comes back.
 */

export const X_QUERY_MAX = 512;

function group(parts: string[]): string {
  return parts.length > 1 ? `(${parts.join(" OR ")})` : (parts[0] ?? "");
}

/** The `query` of X's recent search, or an error when it is longer than X accepts. */
export function buildXQuery(query: QueryTerms): string {
  const included = group(query.terms.map((raw) => termText(parseTerm(raw))));
  const excluded = (query.excludeTerms ?? []).map((raw) => `-${termText(parseTerm(raw))}`);
  const languages = group((query.languages ?? []).map((code) => `lang:${code}`));
  const text = [included, ...excluded, languages, "-is:retweet"].filter(Boolean).join(" ");
  if (text.length > X_QUERY_MAX) {
    throw new Error(`The X query is ${text.length} characters long; X accepts ${X_QUERY_MAX}.`);
  }
  return text;
}

/** One Mastodon source per term: a search (`search:<text>`) or a hashtag timeline (`tag:<tag>`). */
export interface MastodonSource {
  source: string;
  path: string;
  query: Array<[string, string]>;
}

export function buildMastodonSources(query: QueryTerms): MastodonSource[] {
  const sources = query.terms.map((raw) => mastodonSource(parseTerm(raw)));
  return [...new Map(sources.map((source) => [source.source, source])).values()];
}

function mastodonSource(term: Term): MastodonSource {
  if (term.kind === "hashtag") {
    const tag = term.value.toLowerCase();
    return {
      source: `tag:${tag}`,
      path: `/api/v1/timelines/tag/${encodeURIComponent(tag)}`,
      query: [["limit", "40"]],
    };
  }
  const text = termText(term);
  return {
    source: `search:${text.toLowerCase()}`,
    path: "/api/v2/search",
    query: [
      ["q", text],
      ["type", "statuses"],
      ["resolve", "false"],
      ["limit", "40"],
    ],
  };
}

/** One Bluesky search per term, with `lang` when the query names exactly one language. */
export interface BlueskySearch {
  source: string;
  query: Array<[string, string]>;
}

export function buildBlueskySearches(query: QueryTerms): BlueskySearch[] {
  const languages = query.languages ?? [];
  const searches = query.terms.map((raw) => {
    const text = termText(parseTerm(raw));
    const params: Array<[string, string]> = [
      ["q", text],
      ["sort", "latest"],
      ["limit", "100"],
    ];
    if (languages.length === 1 && languages[0]) params.push(["lang", languages[0]]);
    return { source: `search:${text.toLowerCase()}`, query: params };
  });
  return [...new Map(searches.map((search) => [search.source, search])).values()];
}
