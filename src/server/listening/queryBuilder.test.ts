import { describe, expect, it } from "vitest";
import {
  buildBlueskySearches,
  buildMastodonSources,
  buildXQuery,
  X_QUERY_MAX,
} from "./queryBuilder.ts";
import { matchesQuery, parseTerm, termsFound } from "./terms.ts";

const query = {
  terms: ["relais", "#relais", '"relais box"'],
  excludeTerms: ["relais colis", "#emploi"],
  languages: ["fr", "en"],
};

describe("listening query building", () => {
  it("reads words, quoted phrases and hashtags", () => {
    expect(parseTerm("relais")).toEqual({ kind: "word", value: "relais" });
    expect(parseTerm('"relais  box"')).toEqual({ kind: "phrase", value: "relais box" });
    expect(parseTerm("#Relais")).toEqual({ kind: "hashtag", value: "Relais" });
    expect(parseTerm("relais colis")).toEqual({ kind: "phrase", value: "relais colis" });
  });

  it("writes one X recent-search query with OR, exclusions, languages and no retweets", () => {
    expect(buildXQuery(query)).toBe(
      '(relais OR #relais OR "relais box") -"relais colis" -#emploi (lang:fr OR lang:en) -is:retweet',
    );
    expect(buildXQuery({ terms: ["relais"] })).toBe("relais -is:retweet");
    expect(buildXQuery({ terms: ["relais"], languages: ["fr"] })).toBe(
      "relais lang:fr -is:retweet",
    );
    const long = Array.from({ length: 20 }, (_, index) => `"a rather long phrase ${index}"`);
    expect(() => buildXQuery({ terms: long })).toThrow(String(X_QUERY_MAX));
  });

  it("asks Mastodon one search per text and one hashtag timeline per tag", () => {
    const sources = buildMastodonSources({ ...query, terms: [...query.terms, "#RELAIS"] });
    expect(sources.map((source) => [source.source, source.path])).toEqual([
      ["search:relais", "/api/v2/search"],
      ["tag:relais", "/api/v1/timelines/tag/relais"],
      ['search:"relais box"', "/api/v2/search"],
    ]);
    expect(sources[0]?.query).toContainEqual(["type", "statuses"]);
    expect(sources[2]?.query).toContainEqual(["q", '"relais box"']);
  });

  it("asks Bluesky one latest-first search per term, with lang for a single language", () => {
    const searches = buildBlueskySearches({ terms: ["relais", "#relais"], languages: ["fr"] });
    expect(searches.map((search) => search.source)).toEqual(["search:relais", "search:#relais"]);
    expect(searches[0]?.query).toEqual([
      ["q", "relais"],
      ["sort", "latest"],
      ["limit", "100"],
      ["lang", "fr"],
    ]);
    expect(buildBlueskySearches(query)[0]?.query.some(([key]) => key === "lang")).toBe(false);
  });

  it("matches what the networks cannot filter: exclusions, languages, accents, whole words", () => {
    const post = (text: string, language: string | null = "fr") => ({ text, language });
    expect(matchesQuery(post("Ma Relais Box est arrivée"), query)).toBe(true);
    expect(matchesQuery(post("J'adore #Relais !"), query)).toBe(true);
    expect(matchesQuery(post("Point relais colis fermé"), query)).toBe(false);
    expect(matchesQuery(post("relais: on recrute #emploi"), query)).toBe(false);
    expect(matchesQuery(post("relais is great", "de"), query)).toBe(false);
    expect(matchesQuery(post("relais is great", null), query)).toBe(true);
    expect(matchesQuery(post("relaisXYZ"), query)).toBe(false);
    expect(matchesQuery(post("ÉCRAN fondu"), { terms: ["écran"] })).toBe(true);
    expect(matchesQuery(post("my relais box melted"), { terms: ['"relais box"'] })).toBe(true);
    expect(matchesQuery(post("box relais"), { terms: ['"relais box"'] })).toBe(false);
    expect(termsFound("Ma relais box #relais", query.terms)).toEqual(query.terms);
  });
});
