import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor } from "../auth/actor.ts";
import type { ChatChannel } from "../channels/chat/config.ts";
import type { ChatSession } from "../db/schema.ts";
import type { Env } from "../env.ts";
import type { Logger } from "../logger.ts";
import type { Services } from "../services.ts";

export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface RouteContext<P, Q, B> {
  services: Services;
  actor: Actor;
  params: P;
  query: Q;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
  log: Logger;
}

export type PublicRouteContext<P, Q, B> = Omit<RouteContext<P, Q, B>, "actor"> & {
  actor: Actor | null;
};

/**
 * A chat widget's route: no signed-in user; the chat channel named in the path, once the page's
 * Origin is one it allows (404 for no such chat channel, 403 for a foreign site).
 */
export type WidgetRouteContext<P, Q, B> = Omit<RouteContext<P, Q, B>, "actor"> & {
  channel: ChatChannel;
};

/** A widget route for one visitor: their session, named by their token (401 without one). */
export type VisitorRouteContext<P, Q, B> = WidgetRouteContext<P, Q, B> & { session: ChatSession };

interface RouteSpecBase<P, Q, B> {
  method: Method;
  url: string;
  summary: string;
  tags: string[];
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The schema of `data` in a success answer (for the OpenAPI document). */
  response?: z.ZodType;
  /** Extra top-level fields of list answers, such as `nextCursor` and `counts`. */
  responseExtra?: z.ZodRawShape;
  status?: number;
  /** Limits requests per client address and email (RELAIS_LOGIN_MAX_ATTEMPTS per window). */
  rateLimited?: boolean;
  /** Limits requests per client address: at most `max` in `windowSeconds`. */
  rateLimit?: { max: number; windowSeconds: number };
  /**
   * The body is a file, taken as raw bytes of any Content-Type up to the size named here (a
   * larger one answers 413); `body` then validates a Buffer.
   */
  rawBody?: { maxBytes(env: Env): number };
}

export type RouteSpec<P, Q, B> =
  | (RouteSpecBase<P, Q, B> & {
      auth: "user";
      handle(context: RouteContext<P, Q, B>): Promise<unknown>;
    })
  | (RouteSpecBase<P, Q, B> & {
      auth: "public";
      handle(context: PublicRouteContext<P, Q, B>): Promise<unknown>;
    })
  | (RouteSpecBase<P, Q, B> & {
      auth: "widget";
      handle(context: WidgetRouteContext<P, Q, B>): Promise<unknown>;
    })
  | (RouteSpecBase<P, Q, B> & {
      auth: "visitor";
      handle(context: VisitorRouteContext<P, Q, B>): Promise<unknown>;
    });

export type RouteDefinition = RouteSpec<unknown, unknown, unknown>;

/**
 * Declares an API route: validated input, explicit authentication, a thin handler that returns
 * the JSON body. The same declaration feeds the OpenAPI document and the cross-tenant test.
 */
export function defineRoute<P = undefined, Q = undefined, B = undefined>(
  spec: RouteSpec<P, Q, B>,
): RouteDefinition {
  return spec as unknown as RouteDefinition;
}

export const ZId = z.uuid({ message: "must be a valid id" });
export const ZIdParams = z.object({ id: ZId });
/** The answer of a DELETE. */
export const ZDeleted = z.object({ deleted: z.boolean() });

/** `{"data": …}` with the extra fields of lists. */
export function envelope(data: z.ZodType, extra: z.ZodRawShape = {}) {
  return z.object({ data, ...extra });
}
