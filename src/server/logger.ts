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
