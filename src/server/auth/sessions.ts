import type { FastifyRequest } from "fastify";
import { mintToken, parseToken } from "../crypto/tokens.ts";
import type { Services } from "../services.ts";
import type { Actor } from "./actor.ts";

export const SESSION_COOKIE = "relais_session";
const SESSION_PREFIX = "rss";
export const API_TOKEN_PREFIX = "rls";
/** Sliding expiry is refreshed at most this often, to spare a write per request. */
const REFRESH_AFTER_MS = 60 * 60 * 1000;

export async function createSession(
  services: Services,
  user: { account_id: string; id: string },
): Promise<{ token: string; expiresAt: Date }> {
  const { token, hash } = mintToken(SESSION_PREFIX, user.account_id);
  const expiresAt = new Date(Date.now() + services.env.RELAIS_SESSION_DAYS * 86_400_000);
  await services.db
    .insertInto("sessions")
    .values({
      account_id: user.account_id,
      user_id: user.id,
      token_hash: hash,
      expires_at: expiresAt,
    })
    .execute();
  return { token, expiresAt };
}

export async function destroySession(services: Services, actor: Actor): Promise<void> {
  if (!actor.sessionId) return;
  await services.db
    .deleteFrom("sessions")
    .where("account_id", "=", actor.accountId)
    .where("id", "=", actor.sessionId)
    .execute();
}

export async function createApiToken(
  services: Services,
  actor: { accountId: string; userId: string },
  name: string,
): Promise<{ id: string; token: string }> {
  const { token, hash } = mintToken(API_TOKEN_PREFIX, actor.accountId);
  const row = await services.db
    .insertInto("api_tokens")
    .values({ account_id: actor.accountId, user_id: actor.userId, name, token_hash: hash })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, token };
}

/** The actor behind a request: a Bearer API token, or else the session cookie. */
export async function authenticate(
  services: Services,
  request: FastifyRequest,
): Promise<Actor | null> {
  const header = request.headers.authorization;
  if (header?.startsWith("Bearer ")) return fromApiToken(services, header.slice(7).trim());
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie) return fromSession(services, cookie);
  return null;
}

async function fromApiToken(services: Services, token: string): Promise<Actor | null> {
  const parsed = parseToken(API_TOKEN_PREFIX, token);
  if (!parsed) return null;
  const row = await services.db
    .selectFrom("api_tokens as t")
    .innerJoin("users as u", (join) =>
      join.onRef("u.account_id", "=", "t.account_id").onRef("u.id", "=", "t.user_id"),
    )
    .select(["t.id", "t.account_id", "t.user_id", "u.role", "t.last_used_at"])
    .where("t.account_id", "=", parsed.accountId)
    .where("t.token_hash", "=", parsed.secretHash)
    .where("t.revoked_at", "is", null)
    .where("u.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > REFRESH_AFTER_MS) {
    await services.db
      .updateTable("api_tokens")
      .set({ last_used_at: new Date() })
      .where("account_id", "=", row.account_id)
      .where("id", "=", row.id)
      .execute();
  }
  return { accountId: row.account_id, userId: row.user_id, role: row.role, via: "token" };
}

async function fromSession(services: Services, token: string): Promise<Actor | null> {
  const parsed = parseToken(SESSION_PREFIX, token);
  if (!parsed) return null;
  const row = await services.db
    .selectFrom("sessions as s")
    .innerJoin("users as u", (join) =>
      join.onRef("u.account_id", "=", "s.account_id").onRef("u.id", "=", "s.user_id"),
    )
    .select(["s.id", "s.account_id", "s.user_id", "u.role", "s.last_seen_at"])
    .where("s.account_id", "=", parsed.accountId)
    .where("s.token_hash", "=", parsed.secretHash)
    .where("s.expires_at", ">", new Date())
    .where("u.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  if (Date.now() - row.last_seen_at.getTime() > REFRESH_AFTER_MS) {
    const expiresAt = new Date(Date.now() + services.env.RELAIS_SESSION_DAYS * 86_400_000);
    await services.db
      .updateTable("sessions")
      .set({ last_seen_at: new Date(), expires_at: expiresAt })
      .where("account_id", "=", row.account_id)
      .where("id", "=", row.id)
      .execute();
  }
  return {
    accountId: row.account_id,
    userId: row.user_id,
    role: row.role,
    via: "session",
    sessionId: row.id,
  };
}
