import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RouteOptions,
} from "fastify";
import type { z } from "zod";
import { authenticate } from "../auth/sessions.ts";
import { normaliseSignInEmail } from "../auth/signInThrottle.ts";
import { AppError, forbidden, unauthorized, validationFailed } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { reachable } from "../policies/viewer.ts";
import type { Services } from "../services.ts";
import { isSameOrigin } from "./origin.ts";
import type { RouteDefinition } from "./route.ts";
import { widgetChannel, widgetSession } from "./widget/context.ts";

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
  if (request.method === "GET") return;
  if (!isSameOrigin(request)) throw forbidden("Cross-site request refused.");
}

type WidgetRoute = Extract<RouteDefinition, { auth: "widget" | "visitor" }>;
type ApiRoute = Exclude<RouteDefinition, WidgetRoute>;

function parseInputs(route: RouteDefinition, request: FastifyRequest) {
  return {
    params: parse(route.params, request.params, "path"),
    query: parse(route.query, request.query, "query"),
    body: parse(route.body, request.body, "body"),
  };
}

function rateLimitConfig(services: Services, route: RouteDefinition) {
  if (route.rateLimit) {
    return {
      rateLimit: { max: route.rateLimit.max, timeWindow: route.rateLimit.windowSeconds * 1000 },
    };
  }
  if (!route.rateLimited) return undefined;
  return {
    rateLimit: {
      max: services.env.RELAIS_LOGIN_MAX_ATTEMPTS,
      timeWindow: services.env.RELAIS_LOGIN_WINDOW_SECONDS * 1000,
      hook: "preHandler" as const,
      keyGenerator: (request: FastifyRequest) => {
        const email = (request.body as { email?: unknown } | undefined)?.email;
        return `${request.ip}|${typeof email === "string" ? normaliseSignInEmail(email) : ""}`;
      },
    },
  };
}

/** An API route: validate, then authenticate the user (session cookie or bearer token). */
async function handleApi(
  services: Services,
  route: ApiRoute,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<unknown> {
  const { params, query, body } = parseInputs(route, request);
  const actor = await authenticate(services, request);
  if (route.auth === "user" && !actor) throw unauthorized();
  if (route.auth === "user" && actor && !reachable(actor, route.method, route.url))
    throw forbidden();
  if (actor?.via === "session") checkOrigin(request);
  // Every log line of this request now carries the account and user, with the request id.
  const log = actor
    ? request.log.child({ accountId: actor.accountId, userId: actor.userId })
    : request.log;
  request.log = log;
  const context = { services, actor, params, query, body, request, reply, log };
  // The union's two handlers differ only in whether `actor` may be null, checked above.
  return (route.handle as (ctx: typeof context) => Promise<unknown>)(context);
}

/**
 * A chat widget's route: the channel and the page's Origin first (404, 403), then the
 * visitor's token for visitor routes (401), then the input. A visitor's token names one session
 * of one channel of one account, so nothing else is within reach.
 */
async function handleWidget(
  services: Services,
  route: WidgetRoute,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<unknown> {
  const channel = await widgetChannel(services, request, reply);
  const log = request.log.child({ accountId: channel.row.account_id, channelId: channel.row.id });
  request.log = log;
  const logger = log as Logger;
  const context = () => ({
    services,
    ...parseInputs(route, request),
    request,
    reply,
    log: logger,
    channel,
  });
  if (route.auth === "widget") return route.handle(context());
  const session = await widgetSession(services, channel, request);
  return route.handle({ ...context(), session });
}

/** Validate → authenticate → handle → answer; the handler returns the JSON body. */
export function registerRoutes(
  app: FastifyInstance,
  services: Services,
  routes: readonly RouteDefinition[],
): void {
  for (const route of routes) {
    const options: RouteOptions = {
      method: route.method,
      url: route.url,
      config: rateLimitConfig(services, route),
      handler: async (request, reply) => {
        // The success status, which a handler may still change (200 for a request resent).
        reply.status(route.status ?? 200);
        return route.auth === "widget" || route.auth === "visitor"
          ? handleWidget(services, route, request, reply)
          : handleApi(services, route, request, reply);
      },
    };
    if (route.rawBody) {
      const signedInFirst = route.auth === "user" ? services : null;
      registerRawRoute(app, options, route.rawBody.maxBytes(services.env), signedInFirst);
    } else app.route(options);
  }
}

/**
 * A route whose body is a file: in a scope of its own, every Content-Type (JSON included) is
 * kept as raw bytes, and a body announced or found larger than `maxBytes` answers 413. With
 * `signedInFirst`, a caller who is not signed in gets 401 before the body is read, so nobody
 * unknown makes the server buffer a file.
 */
function registerRawRoute(
  app: FastifyInstance,
  options: RouteOptions,
  maxBytes: number,
  signedInFirst: Services | null,
): void {
  const tooLarge = () =>
    new AppError(
      413,
      "file_too_large",
      `The file is larger than ${formatMegabytes(maxBytes)}, the most this server accepts.`,
    );
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      "*",
      { parseAs: "buffer", bodyLimit: maxBytes },
      (_request, body, done) => done(null, body),
    );
    scope.addHook("onRequest", async (request) => {
      if (signedInFirst && !(await authenticate(signedInFirst, request))) throw unauthorized();
      if (Number(request.headers["content-length"] ?? 0) > maxBytes) throw tooLarge();
    });
    scope.setErrorHandler((error: FastifyError) => {
      // Streamed without a Content-Length, the body is cut off by the parser's limit.
      throw error.code === "FST_ERR_CTP_BODY_TOO_LARGE" ? tooLarge() : error;
    });
    scope.route({ ...options, bodyLimit: maxBytes });
  });
}

function formatMegabytes(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  return `${Number.isInteger(megabytes) ? megabytes : megabytes.toFixed(1)} MB`;
}
