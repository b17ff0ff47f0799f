import type { FastifyInstance, FastifyRequest } from "fastify";
import type { z } from "zod";
import { authenticate } from "../auth/sessions.ts";
import { forbidden, unauthorized, validationFailed } from "../errors.ts";
import type { Services } from "../services.ts";
import type { RouteDefinition } from "./route.ts";

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join(".");
  throw validationFailed(
    `Invalid ${where}${path ? ` field "${path}"` : ""}: ${issue?.message ?? "invalid value"}`,
    result.error,
  );
}

/**
 * Cookie-authenticated changes must come from our own pages: SameSite already stops most
 * cross-site requests, and a foreign Origin header is refused outright.
 */
function checkOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (!origin || request.method === "GET") return;
  const host = request.headers["x-forwarded-host"] ?? request.headers.host;
  try {
    if (new URL(origin).host !== host) throw forbidden("Cross-site request refused.");
  } catch (error) {
    if (error instanceof TypeError) throw forbidden("Cross-site request refused.");
    throw error;
  }
}

/** Validate → authenticate → handle → answer; the handler returns the JSON body. */
export function registerRoutes(
  app: FastifyInstance,
  services: Services,
  routes: readonly RouteDefinition[],
): void {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      config: route.rateLimited
        ? {
            rateLimit: {
              max: services.env.RELAIS_LOGIN_MAX_ATTEMPTS,
              timeWindow: services.env.RELAIS_LOGIN_WINDOW_SECONDS * 1000,
              hook: "preHandler",
              keyGenerator: (request: FastifyRequest) => {
                const email = (request.body as { email?: unknown } | undefined)?.email;
                return `${request.ip}|${typeof email === "string" ? email.toLowerCase() : ""}`;
              },
            },
          }
        : undefined,
      handler: async (request, reply) => {
        const params = parse(route.params, request.params, "path");
        const query = parse(route.query, request.query, "query");
        const body = parse(route.body, request.body, "body");
        const actor = await authenticate(services, request);
        if (route.auth === "user" && !actor) throw unauthorized();
        if (actor?.via === "session") checkOrigin(request);
        // Every log line of this request now carries the account and user, with the request id.
        const log = actor
          ? request.log.child({ accountId: actor.accountId, userId: actor.userId })
          : request.log;
        request.log = log;
        const context = { services, actor, params, query, body, request, reply, log };
        // The union's two handlers differ only in whether `actor` may be null, checked above.
        const result = await (route.handle as (ctx: typeof context) => Promise<unknown>)(context);
        reply.status(route.status ?? 200);
        return result;
      },
    });
  }
}
