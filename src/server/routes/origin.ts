import type { FastifyRequest } from "fastify";

/**
 * True when the request names no Origin, or one on this server's own host. An Origin that is
 * not a URL (`null` from a sandboxed frame or a file:// page, garbage) is foreign.
 */
export function isSameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}
