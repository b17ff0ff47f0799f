import type { FastifyReply } from "fastify";
import { SESSION_COOKIE } from "../../../auth/sessions.ts";
import { publicUrl } from "../../../env.ts";
import type { Services } from "../../../services.ts";

/** HttpOnly (no script can read it), SameSite=Lax (no cross-site POST carries it). */
export function setSessionCookie(
  services: Services,
  reply: FastifyReply,
  token: string,
  expires: Date,
) {
  const secure = services.env.RELAIS_COOKIE_SECURE ?? publicUrl(services.env).startsWith("https:");
  reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure,
    expires,
  });
}
