import { z } from "zod";
import type { RouteDefinition } from "./route.ts";

const ZError = z.object({ error: z.object({ id: z.string(), message: z.string() }) });

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  return z.toJSONSchema(schema, { io, unrepresentable: "any", target: "openapi-3.0" });
}

function parameters(schema: z.ZodType | undefined, location: "path" | "query") {
  if (!schema) return [];
  const json = jsonSchema(schema, "input") as {
    properties?: Record<string, { description?: string }>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === "path" || (json.required ?? []).includes(name),
    description: property.description,
    schema: property,
  }));
}

/** Who may call a route: a user (session cookie or token), a widget visitor (their token), anyone. */
const SECURITY: Record<RouteDefinition["auth"], Array<Record<string, string[]>>> = {
  user: [{ session: [] }, { bearer: [] }],
  visitor: [{ visitor: [] }],
  widget: [],
  public: [],
};

/** The OpenAPI 3 document, generated from the same zod schemas that validate requests. */
export function buildOpenApi(routes: readonly RouteDefinition[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:(\w+)/g, "{$1}");
    const success = z.object({
      data: route.response ?? z.unknown(),
      ...(route.responseExtra ?? {}),
    });
    const body = route.responseExtra && !route.response ? z.object(route.responseExtra) : success;
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      summary: route.summary,
      tags: route.tags,
      security: SECURITY[route.auth],
      parameters: [...parameters(route.params, "path"), ...parameters(route.query, "query")],
      requestBody: route.rawBody
        ? {
            required: true,
            description: "The file's bytes, with its own Content-Type",
            content: { "*/*": { schema: { type: "string", format: "binary" } } },
          }
        : route.body
          ? {
              required: true,
              content: { "application/json": { schema: jsonSchema(route.body, "input") } },
            }
          : undefined,
      responses: {
        [String(route.status ?? 200)]: {
          description: "Success",
          content: { "application/json": { schema: jsonSchema(body, "output") } },
        },
        "4XX": {
          description: "A client mistake: invalid input, not signed in, not allowed, not found",
          content: { "application/json": { schema: jsonSchema(ZError, "output") } },
        },
      },
    };
  }
  return {
    openapi: "3.0.3",
    info: {
      title: "Relais API",
      version: "1",
      description:
        'Every success answers {"data": …}; lists add "nextCursor" when there is more. ' +
        'Errors answer {"error": {"id", "message"}}. Authenticate with the session cookie ' +
        "(POST /api/v1/session) or a personal token: `Authorization: Bearer <token>`. " +
        "The chat widget's routes (/widget/…, tag Widget) answer the page of a site the chat " +
        "channel allows, and its visitor by their own token.",
    },
    // "Try it out" calls the server that shows the page (its own origin), then the public address.
    servers: [
      { url: "/", description: "This server" },
      ...(serverUrl === "/" ? [] : [{ url: serverUrl, description: "RELAIS_PUBLIC_URL" }]),
    ],
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "relais_session" },
        bearer: { type: "http", scheme: "bearer" },
        visitor: {
          type: "http",
          scheme: "bearer",
          description:
            "The chat widget visitor's token (rcw_…), from POST /widget/{channelId}/session",
        },
      },
    },
    paths,
  };
}
