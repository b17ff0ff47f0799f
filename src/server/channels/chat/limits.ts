import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Env } from "../../env.ts";
import { countHits } from "../../models/rateLimits.ts";

const MINUTE_MS = 60_000;
/** An address may carry several visitors (an office, a shop's Wi-Fi): three visitors' worth. */
const VISITORS_PER_ADDRESS = 3;

/**
 * Whether the visitor may store this message: per visitor, messages and bytes per minute; per
 * client address (`request.ip`, which is the real client only when a trusted proxy says so),
 * messages per minute. Counted in the database, so every process shares the limits.
 */
export async function visitorMayWrite(
  db: Kysely<DB>,
  env: Env,
  props: { accountId: string; visitorId: string; ip: string; bytes: number },
): Promise<boolean> {
  const perMinute = env.RELAIS_WIDGET_MESSAGES_PER_MINUTE;
  const visitor = `widget:${props.accountId}:${props.visitorId}`;
  const messages = await countHits(db, `${visitor}:messages`, MINUTE_MS);
  if (messages.hits > perMinute) return false;
  const bytes = await countHits(db, `${visitor}:bytes`, MINUTE_MS, props.bytes);
  if (bytes.hits > env.RELAIS_WIDGET_BYTES_PER_MINUTE) return false;
  const address = await countHits(db, `widget:address:${props.ip}:messages`, MINUTE_MS);
  return address.hits <= perMinute * VISITORS_PER_ADDRESS;
}

/** Whether the channel may open one more anonymous session this minute, whatever the address. */
export async function channelMayOpenSession(
  db: Kysely<DB>,
  env: Env,
  channelId: string,
): Promise<boolean> {
  const opened = await countHits(db, `widget:${channelId}:sessions`, MINUTE_MS);
  return opened.hits <= env.RELAIS_WIDGET_SESSIONS_PER_MINUTE;
}
