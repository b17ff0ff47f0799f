import { pino } from "pino";
import type { Env } from "./env.ts";

export type Logger = pino.Logger;

/** The one structured logger; children carry request, job and account ids. */
export function createLogger(
  env: Pick<Env, "LOG_LEVEL" | "NODE_ENV">,
  options: { toStderr?: boolean } = {},
): Logger {
  const destination = pino.destination(options.toStderr ? 2 : 1);
  return pino(
    {
      level: env.LOG_LEVEL,
      base: { service: "relais" },
      redact: {
        paths: ["req.headers.cookie", "req.headers.authorization", "*.password", "*.secret"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

/** Query parameters that carry credentials: widget tokens, signed download links, handshakes. */
const SECRET_PARAMS = /([?&](?:token|signature|access_token|hub\.verify_token)=)[^&#]*/gi;

/** A URL fit for a log line: the values of credential-bearing parameters replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, "$1[redacted]");
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/**
 * The logger Fastify logs requests with: Fastify's own request serializer, except that the URL
 * is redacted (a visitor's `?token=rcw_…` or a download link's signature must not reach logs).
 */
export function requestLogger(log: Logger): Logger {
  return Object.assign(log.child({}), {
    serializers: {
      req: (request: LoggedRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
  });
}
