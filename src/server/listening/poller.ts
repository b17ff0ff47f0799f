import { sql } from "kysely";
import { triagerFor } from "../commands/conversationTriager.ts";
import type { ListeningNetwork, ListeningQuery } from "../db/schema/listening.ts";
import type { Channel } from "../db/schema.ts";
import type { Services } from "../services.ts";
import { storeMentions } from "./mentionStore.ts";
import { blueskySearch } from "./search/bluesky.ts";
import { mastodonSearch } from "./search/mastodon.ts";
import { type NetworkSearch, RateLimited } from "./search/types.ts";
import { xSearch } from "./search/x.ts";
import { checkSpike } from "./spikes.ts";

export interface ListeningPollOutcome {
  /** Mentions new to the account. */
  created: number;
  /** Sources skipped or stopped by a 429, with the time each may be asked again. */
  rateLimited: Array<{ channelId: string; source: string; retryAt: Date }>;
  failed: number;
}

function searches(services: Services): Record<ListeningNetwork, NetworkSearch> {
  return {
    x: xSearch(services.secrets),
    mastodon: mastodonSearch(services.secrets),
    bluesky: blueskySearch(services.secrets),
  };
}

/**
 * One poll of a query: on every channel it names, every source of that network, from the
 * source's stored cursor. What a source found is stored before its cursor moves, so a crash
 * between the two re-reads (and stores once) rather than loses; a 429 leaves the cursor where
 * it was and keeps the source quiet until Retry-After. Then the spike is read at `now`.
 */
export async function pollListeningQuery(
  services: Services,
  query: ListeningQuery,
  now = new Date(),
): Promise<ListeningPollOutcome> {
  const outcome: ListeningPollOutcome = { created: 0, rateLimited: [], failed: 0 };
  const log = services.log.child({ accountId: query.account_id, queryId: query.id });
  const channels = await services.db
    .selectFrom("channels")
    .selectAll()
    .where("account_id", "=", query.account_id)
    .where("id", "in", query.channel_ids.length > 0 ? query.channel_ids : [query.id])
    .where("disabled_at", "is", null)
    .execute();
  const byNetwork = searches(services);
  const triager = await triagerFor(services.db, query.account_id);
  const terms = {
    terms: query.terms,
    excludeTerms: query.exclude_terms,
    languages: query.languages,
  };
  for (const channel of channels) {
    const search = byNetwork[channel.kind as ListeningNetwork];
    if (!search) continue;
    for (const source of search.sources(terms)) {
      const stored = await services.db
        .selectFrom("listening_cursors")
        .selectAll()
        .where("account_id", "=", query.account_id)
        .where("query_id", "=", query.id)
        .where("channel_id", "=", channel.id)
        .where("source", "=", source)
        .executeTakeFirst();
      if (stored?.retry_at && new Date(stored.retry_at) > now) {
        outcome.rateLimited.push({
          channelId: channel.id,
          source,
          retryAt: new Date(stored.retry_at),
        });
        continue;
      }
      try {
        const result = await search.search(channel, terms, source, stored?.cursor ?? null, {
          timeoutMs: services.env.RELAIS_HTTP_TIMEOUT_MS,
          allowPrivateAddresses: services.env.RELAIS_OUTBOUND_ALLOW_PRIVATE,
          now,
          saveChannelState: (state) => saveChannelState(services, channel, state),
        });
        const created = await storeMentions(services.db, {
          query,
          network: search.network,
          channelId: channel.id,
          posts: result.posts,
          triager,
        });
        outcome.created += created.length;
        await saveCursor(services, query, channel.id, source, {
          cursor: result.cursor,
          retryAt: null,
        });
      } catch (error) {
        if (error instanceof RateLimited) {
          const retryAt = new Date(now.getTime() + error.retryAfterMs);
          outcome.rateLimited.push({ channelId: channel.id, source, retryAt });
          await saveCursor(services, query, channel.id, source, {
            cursor: stored?.cursor ?? null,
            retryAt,
          });
          log.info({ channelId: channel.id, source, retryAt }, "listening search rate-limited");
          continue;
        }
        outcome.failed += 1;
        log.warn({ err: error, channelId: channel.id, source }, "listening search failed");
      }
    }
  }
  await checkSpike(services.db, services.queue, query, now);
  return outcome;
}

async function saveCursor(
  services: Services,
  query: ListeningQuery,
  channelId: string,
  source: string,
  values: { cursor: string | null; retryAt: Date | null },
) {
  await services.db
    .insertInto("listening_cursors")
    .values({
      account_id: query.account_id,
      query_id: query.id,
      channel_id: channelId,
      source,
      cursor: values.cursor,
      retry_at: values.retryAt,
    })
    .onConflict((conflict) =>
      conflict.columns(["account_id", "query_id", "channel_id", "source"]).doUpdateSet({
        cursor: values.cursor,
        retry_at: values.retryAt,
        updated_at: new Date(),
      }),
    )
    .execute();
}

async function saveChannelState(
  services: Services,
  channel: Channel,
  state: Record<string, unknown>,
) {
  await services.db
    .updateTable("channels")
    .set({ state: sql`state || ${JSON.stringify(state)}::jsonb` })
    .where("account_id", "=", channel.account_id)
    .where("id", "=", channel.id)
    .execute();
}
