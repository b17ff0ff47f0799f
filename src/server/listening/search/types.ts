import { type HttpResponse, retryAfterMs } from "../../channels/http.ts";
import type { InboundMessage } from "../../channels/provider.ts";
import type { ListeningNetwork } from "../../db/schema/listening.ts";
import type { Channel } from "../../db/schema.ts";
import type { QueryTerms } from "../terms.ts";

/** A public post a network's search found, normalised. */
export interface FoundPost {
  externalId: string;
  text: string;
  /** As the network reports it (BCP 47's primary subtag), when it does. */
  language: string | null;
  author: { id: string; handle: string | null; name: string | null; followers: number | null };
  likes: number;
  reposts: number;
  replies: number;
  /** Views when the network counts them, else the author's followers. */
  reach: number;
  url: string | null;
  postedAt: Date;
  /** The post as the channel's provider parses it: a conversation's first message, answerable. */
  inbound: InboundMessage;
}

export interface SearchContext {
  timeoutMs: number;
  allowPrivateAddresses: boolean;
  now: Date;
  /** Keeps what the provider learnt while searching (a refreshed Bluesky session). */
  saveChannelState(state: Record<string, unknown>): Promise<void>;
}

/** One source's new posts, oldest cursor first, and where to start next time. */
export interface SearchResult {
  posts: FoundPost[];
  cursor: string | null;
}

/** A network's search, per channel of that network named by a query. */
export interface NetworkSearch {
  network: ListeningNetwork;
  /** The sources (one search, or one per term or hashtag) a query reads on this network. */
  sources(query: QueryTerms): string[];
  /**
   * What is new on one source since `cursor` (null: only the latest page, as a starting point).
   * Throws `RateLimited` on a 429, any other error on a failure; nothing is then saved.
   */
  search(
    channel: Channel,
    query: QueryTerms,
    source: string,
    cursor: string | null,
    context: SearchContext,
  ): Promise<SearchResult>;
}

/** The network said 429: not before `retryAfterMs`. */
export class RateLimited extends Error {
  constructor(
    readonly retryAfterMs: number,
    message: string,
  ) {
    super(message);
  }
}

/** Throws RateLimited on a 429 (Retry-After, X's `x-rate-limit-reset`, or a minute). */
export function checkRateLimit(response: HttpResponse, network: string, now: Date): void {
  if (response.status !== 429) return;
  const waitMs = retryAfterMs(response.headers, now.getTime()) ?? 60_000;
  throw new RateLimited(waitMs, `${network} answered 429: not before ${waitMs} ms`);
}

export function count(value: number | null | undefined): number {
  return typeof value === "number" && Number.isFinite(value) ? Math.max(0, Math.round(value)) : 0;
}

export function primaryLanguage(tag: string | null | undefined): string | null {
  const primary = tag?.split("-")[0]?.toLowerCase();
  return primary && /^[a-z]{2}$/.test(primary) ? primary : null;
}
