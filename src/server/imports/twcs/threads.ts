// The "Customer Support on Twitter" (twcs) dataset: rows and the threading rules of issue 12.
// Pure: no database. See docs/reports.md ("Importing twcs") for the rules in prose.

/** One tweet, as much of it as threading needs (its text is read again when it is stored). */
export interface TweetMeta {
  id: string;
  parentId: string | null;
  inbound: boolean;
  author: string;
  at: number;
  /** The @handles its text names, in order, lowercased (a conversation's fallback company). */
  mentions: string[];
}

export interface TwcsRow extends TweetMeta {
  text: string;
}

const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

const TWITTER_DATE =
  /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/;

/** `Tue Oct 31 22:10:47 +0000 2017` → epoch milliseconds, or null. */
export function parseTwitterDate(value: string): number | null {
  const match = TWITTER_DATE.exec(value.trim());
  if (!match) return null;
  const [, mon, day, hh, mm, ss, sign, offH, offM, year] = match;
  const month = MONTHS[mon ?? ""];
  if (month === undefined) return null;
  const utc = Date.UTC(Number(year), month, Number(day), Number(hh), Number(mm), Number(ss));
  const offset = (Number(offH) * 60 + Number(offM)) * 60_000 * (sign === "-" ? -1 : 1);
  return utc - offset;
}

const TWEET_ID = /^\d{1,20}$/;
const MENTIONS = /@([A-Za-z0-9_]{1,30})/g;

/**
 * A CSV record (columns by header name) → a row, or null when it cannot be imported: a missing
 * or non-numeric id, an author missing, `inbound` other than True/False, an unreadable date.
 */
export function readRow(record: Record<string, string | undefined>): TwcsRow | null {
  const id = record.tweet_id?.trim() ?? "";
  const author = record.author_id?.trim() ?? "";
  const inbound = record.inbound?.trim();
  const at = parseTwitterDate(record.created_at ?? "");
  const parent = record.in_response_to_tweet_id?.trim().replace(/\.0$/, "") ?? "";
  if (!TWEET_ID.test(id) || !author || at === null) return null;
  if (inbound !== "True" && inbound !== "False") return null;
  if (parent && !TWEET_ID.test(parent)) return null;
  const text = record.text ?? "";
  return {
    id,
    author,
    inbound: inbound === "True",
    at,
    parentId: parent || null,
    text,
    mentions: [...text.matchAll(MENTIONS)].map((match) => (match[1] ?? "").toLowerCase()),
  };
}

export interface Thread {
  /** The tweet that answers no tweet of the file: the conversation's external thread id. */
  rootId: string;
  /** Its tweets, oldest first (ties by id). */
  tweets: TweetMeta[];
  /** The author of its first customer (inbound) tweet. */
  customer: string;
  /** The company that answers first in it, else the first one its first tweet names. */
  company: string;
}

export interface Threading {
  threads: Thread[];
  /** Tweets of threads with no customer tweet, or no company to own them. */
  refused: number;
  /** Authors of non-inbound tweets: each becomes an X channel. */
  companies: string[];
}

/**
 * Each tweet that answers no tweet present in the file starts a conversation; a tweet that
 * answers a tweet of a conversation joins it. A thread with no customer tweet, or whose company
 * cannot be told (nobody answers and its first tweet names no company of the file), is refused.
 */
export function threadTweets(tweets: ReadonlyArray<TweetMeta>): Threading {
  const byId = new Map<string, TweetMeta>();
  for (const tweet of tweets) byId.set(tweet.id, tweet);
  const rootOf = new Map<string, string>();
  const findRoot = (start: TweetMeta): string => {
    const path: string[] = [];
    let current = start;
    let root: string | undefined;
    for (let steps = 0; steps <= byId.size; steps += 1) {
      const known = rootOf.get(current.id);
      if (known) {
        root = known;
        break;
      }
      path.push(current.id);
      const parent = current.parentId ? byId.get(current.parentId) : undefined;
      // A reply cycle (never in real data) is cut at the tweet where it closes.
      if (!parent || path.includes(parent.id)) {
        root = current.id;
        break;
      }
      current = parent;
    }
    const resolved = root ?? start.id;
    for (const id of path) rootOf.set(id, resolved);
    return resolved;
  };

  const groups = new Map<string, TweetMeta[]>();
  for (const tweet of byId.values()) {
    const root = findRoot(tweet);
    const group = groups.get(root);
    if (group) group.push(tweet);
    else groups.set(root, [tweet]);
  }

  const companyNames = new Map<string, string>();
  for (const tweet of byId.values()) {
    if (!tweet.inbound) companyNames.set(tweet.author.toLowerCase(), tweet.author);
  }

  const threads: Thread[] = [];
  let refused = 0;
  for (const [rootId, group] of groups) {
    group.sort((a, b) => a.at - b.at || compareIds(a.id, b.id));
    const customer = group.find((tweet) => tweet.inbound)?.author;
    const answering = group.find((tweet) => !tweet.inbound)?.author;
    const first = group[0];
    const mentioned = first?.mentions
      .map((handle) => companyNames.get(handle))
      .find((name) => name !== undefined);
    const company = answering ?? mentioned;
    if (!customer || !company) {
      refused += group.length;
      continue;
    }
    threads.push({ rootId, tweets: group, customer, company });
  }
  return { threads, refused, companies: [...companyNames.values()].sort() };
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
