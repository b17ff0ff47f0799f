import type { Env } from "../env.ts";
import { tooManyRequests } from "../errors.ts";
import { countHit, currentHits } from "../models/rateLimits.ts";
import type { Services } from "../services.ts";

/**
 * How many more failures one email may take from all addresses together than from one: a
 * guesser spread over many addresses is bounded, and a user is not shut out by one stranger.
 */
const ALL_ADDRESSES_FACTOR = 5;

/** The same email however it is typed: " Ann@X.fr" and "ann@x.fr" share their counters. */
export function normaliseSignInEmail(email: string): string {
  return email.trim().toLowerCase();
}

function limits(env: Env, ip: string, email: string) {
  const normal = normaliseSignInEmail(email);
  return [
    { key: `sign-in|${ip}|${normal}`, max: env.RELAIS_LOGIN_MAX_ATTEMPTS },
    { key: `sign-in|*|${normal}`, max: env.RELAIS_LOGIN_MAX_ATTEMPTS * ALL_ADDRESSES_FACTOR },
  ];
}

/**
 * Sign-in attempts are limited per email from one address, and per email from all addresses;
 * only failures count, and a blocked email is refused before its password is even checked, so
 * the right password does not get through either. `ip` is the client's address as Fastify
 * sees it: X-Forwarded-For counts only from the proxies RELAIS_TRUST_PROXY names.
 */
export async function assertSignInAllowed(
  services: Services,
  ip: string,
  email: string,
): Promise<void> {
  for (const limit of limits(services.env, ip, email)) {
    const counter = await currentHits(services.db, limit.key);
    if (counter.hits >= limit.max) {
      const minutes = Math.max(1, Math.ceil(counter.ttl / 60_000));
      throw tooManyRequests(`Too many failed sign-ins. Try again in ${minutes} min.`);
    }
  }
}

export async function recordFailedSignIn(
  services: Services,
  ip: string,
  email: string,
): Promise<void> {
  const windowMs = services.env.RELAIS_LOGIN_WINDOW_SECONDS * 1000;
  for (const limit of limits(services.env, ip, email)) {
    await countHit(services.db, limit.key, windowMs);
  }
}
