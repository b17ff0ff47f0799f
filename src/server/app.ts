import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import fastifyWebsocket from "@fastify/websocket";
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from "fastify";
import { databaseRateLimitStore } from "./auth/rateLimitStore.ts";
import { publicUrl } from "./env.ts";
import { isAppError } from "./errors.ts";
import { requestLogger } from "./logger.ts";
import { withoutNul } from "./nul.ts";
import { adminPlugin } from "./routes/admin.ts";
import { apiRoutes } from "./routes/api/index.ts";
import { helpCentrePlugin } from "./routes/help/index.ts";
import { hooksPlugin } from "./routes/hooks/hooks.ts";
import { ideasPagePlugin } from "./routes/ideas/page.ts";
import { livePlugin } from "./routes/live.ts";
import { buildOpenApi } from "./routes/openapi.ts";
import { registerRoutes } from "./routes/register.ts";
import { surveyPagePlugin } from "./routes/surveys/page.ts";
import { widgetPlugin, widgetRoutes } from "./routes/widget/index.ts";
import type { Services } from "./services.ts";

/** Fastify's own client errors, mapped to stable ids. */
const FASTIFY_ERRORS: Record<string, { status: number; id: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    id: "invalid_json",
    message: "The body is not valid JSON.",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    id: "invalid_json",
    message: "The JSON body is empty.",
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    id: "body_too_large",
    message: "The body is too large.",
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    id: "unsupported_media_type",
    message: "Send JSON with Content-Type: application/json.",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    id: "invalid_content_length",
    message: "Bad Content-Length.",
  },
  FST_ERR_VALIDATION: { status: 400, id: "validation_failed", message: "Invalid request." },
};

const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

export interface AppOptions {
  /** The built web app; served at / when present. */
  webRoot?: string;
  /** Lets the CLI run its operations through this server (see routes/admin.ts). */
  adminToken?: string;
}

export async function buildApp(
  services: Services,
  options: AppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: requestLogger(services.log) as FastifyBaseLogger,
    bodyLimit: services.env.RELAIS_BODY_LIMIT_BYTES,
    genReqId: (request) => {
      const given = request.headers["x-request-id"];
      return typeof given === "string" && /^[\w-]{1,100}$/.test(given) ? given : randomUUID();
    },
    trustProxy: services.env.RELAIS_TRUST_PROXY,
    // Fastify's 10 s for each plugin to load was overrun on a busy 2-core machine (the OpenAPI
    // and swagger-ui plugins build the whole document): a slow start, not a hung plugin.
    pluginTimeout: 60_000,
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      return reply.status(error.status).send({ error: { id: error.id, message: error.message } });
    }
    const known = error.code ? FASTIFY_ERRORS[error.code] : undefined;
    if (known) {
      return reply.status(known.status).send({ error: { id: known.id, message: known.message } });
    }
    if (error.statusCode === 429) {
      return reply
        .status(429)
        .send({ error: { id: "rate_limited", message: "Too many attempts. Try again later." } });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .status(error.statusCode)
        .send({ error: { id: "bad_request", message: error.message } });
    }
    request.log.error({ err: error }, "unhandled error");
    return reply
      .status(500)
      .send({ error: { id: "internal", message: "Something went wrong on our side." } });
  });

  // The one place where a NUL in a parsed body, query or path is dropped (see nul.ts); raw
  // bodies (webhooks, files) stay untouched so their signatures still verify.
  app.addHook("preValidation", async (request) => {
    if (!Buffer.isBuffer(request.body)) request.body = withoutNul(request.body);
    request.query = withoutNul(request.query);
    request.params = withoutNul(request.params);
  });

  // The API speaks JSON only; anything else is refused with 415 rather than half-understood.
  app.removeContentTypeParser("text/plain");
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    store: databaseRateLimitStore(services.db),
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });

  app.get("/health", async () => ({ status: "ok", database: services.database.kind }));

  const openApi = buildOpenApi([...apiRoutes, ...widgetRoutes], publicUrl(services.env));
  app.get("/api/v1/openapi.json", async () => openApi);
  await app.register(fastifySwagger, {
    mode: "static",
    specification: { document: openApi as never },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: "/api/v1/docs",
    staticCSP: true,
    // Swagger UI sets style attributes on its elements (icons, layout): allow those, and those
    // only — stylesheets and scripts keep their hashes.
    transformStaticCSP: (header) =>
      header.replace(
        "script-src-attr 'none';",
        "script-src-attr 'none'; style-src-attr 'unsafe-inline';",
      ),
    uiConfig: { url: "/api/v1/openapi.json", docExpansion: "list", deepLinking: true },
  });

  registerRoutes(app, services, apiRoutes);
  await app.register(livePlugin, { services });
  await app.register(hooksPlugin, { services });
  await app.register(widgetPlugin, { services });
  await app.register(surveyPagePlugin, { services });
  await app.register(ideasPagePlugin, { services });
  await app.register(helpCentrePlugin, { services });
  if (options.adminToken)
    await app.register(adminPlugin, { services, adminToken: options.adminToken });

  const webRoot = options.webRoot;
  const hasWeb = webRoot !== undefined && existsSync(join(webRoot, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ["index.html"] });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    const isApi =
      path.startsWith("/api/") || path.startsWith("/hooks/") || path.startsWith("/admin/");
    if (hasWeb && request.method === "GET" && !isApi) {
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    }
    return reply.status(404).send({ error: { id: "not_found", message: "No such route." } });
  });

  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("x-content-type-options", "nosniff");
    const isPage = String(reply.getHeader("content-type") ?? "").startsWith("text/html");
    if (isPage && !request.url.startsWith("/api/v1/docs")) {
      // A second wall behind sanitising: no script but our own bundle, no plugins, no framing.
      reply.header("content-security-policy", WEB_APP_CSP);
    }
    reply.header("referrer-policy", "same-origin");
    if (!request.url.startsWith("/api/v1/docs")) reply.header("x-frame-options", "DENY");
    return payload;
  });

  return app;
}
