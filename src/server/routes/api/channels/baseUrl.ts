import type { FastifyRequest } from "fastify";
import type { Env } from "../../../env.ts";

/**
 * The address webhook URLs are shown with: RELAIS_PUBLIC_URL when set, else the address the
 * admin is browsing (its scheme behind a trusted proxy, its Host), never a guessed `localhost`.
 */
export function browsedUrl(env: Env, request: Pick<FastifyRequest, "protocol" | "host">): string {
  if (env.RELAIS_PUBLIC_URL) return env.RELAIS_PUBLIC_URL.replace(/\/$/, "");
  return `${request.protocol}://${request.host}`;
}
