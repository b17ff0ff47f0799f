import { type Kysely, sql } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";

/**
 * Which worker streams a channel. Every worker process starts the Mastodon receiver, but one
 * WebSocket per channel is enough: the worker holding the lease (kept in the channel's state,
 * `mastodonStream`) streams it and renews the lease; the others stand by and take over once it
 * expires (the holder died) or is released (the holder stopped). `connected` tells the
 * periodic poll whether a healthy stream currently covers the channel.
 */
export const LEASE_MS = 90_000;
/** Renewed well before it expires, so one slow renewal never hands the channel over. */
export const LEASE_RENEW_MS = 30_000;

const ZLease = z.object({ holder: z.string(), until: z.number(), connected: z.boolean() });
const ZLeaseState = z.object({ mastodonStream: ZLease.nullish().catch(null) });

interface ChannelKey {
  account_id: string;
  id: string;
}

const nowMs = sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`;

/**
 * Takes or renews the lease: succeeds when nobody holds it, when it has expired, or when this
 * worker already holds it. False when another worker holds it (or the channel is gone).
 */
export async function holdLease(
  db: Kysely<DB>,
  channel: ChannelKey,
  holder: string,
  connected: boolean,
): Promise<boolean> {
  const lease = sql`jsonb_build_object('holder', ${holder}::text, 'until', ${nowMs} + ${LEASE_MS}::bigint, 'connected', ${connected}::boolean)`;
  const row = await db
    .updateTable("channels")
    .set({
      state: sql`coalesce(state, '{}'::jsonb) || jsonb_build_object('mastodonStream', ${lease})`,
    })
    .where("account_id", "=", channel.account_id)
    .where("id", "=", channel.id)
    .where("disabled_at", "is", null)
    // Parenthesised: raw SQL is spliced as is, and `or` must not escape the `and`s above.
    .where(
      sql<boolean>`((state->'mastodonStream'->>'holder') is null
        or state->'mastodonStream'->>'holder' = ${holder}
        or coalesce((state->'mastodonStream'->>'until')::bigint, 0) < ${nowMs})`,
    )
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

/** Gives the lease up (on shutdown, or when the channel stops streaming): polling resumes. */
export async function releaseLease(
  db: Kysely<DB>,
  channel: ChannelKey,
  holder: string,
): Promise<void> {
  await db
    .updateTable("channels")
    .set({
      state: sql`state || jsonb_build_object('mastodonStream', jsonb_build_object('holder', ${holder}::text, 'until', 0, 'connected', false))`,
    })
    .where("account_id", "=", channel.account_id)
    .where("id", "=", channel.id)
    .where(sql<boolean>`state->'mastodonStream'->>'holder' = ${holder}`)
    .execute();
}

/** Whether a healthy stream, renewed recently, covers the channel whose state this is. */
export function streamIsLive(state: unknown, now = Date.now()): boolean {
  const parsed = ZLeaseState.safeParse(state ?? {});
  const lease = parsed.success ? parsed.data.mastodonStream : null;
  return Boolean(lease?.connected && lease.until > now);
}
