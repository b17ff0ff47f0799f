import { z } from "zod";

const ZBooleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

/** Every setting Relais reads, validated once at boot. Nothing else reads process.env. */
export const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** Embedded database folder, secret key file and server lock live here. */
  RELAIS_DATA: z.string().default("./.relais"),
  /** A PostgreSQL server; when absent the embedded PGlite database in RELAIS_DATA is used. */
  DATABASE_URL: z.string().url().optional(),
  /**
   * A read replica of DATABASE_URL's server (PostgreSQL only): reports and searches read there,
   * everything else — every write, and what an agent reads right after writing — stays on
   * DATABASE_URL. Without it, every query uses DATABASE_URL.
   */
  DATABASE_READ_URL: z.string().url().optional(),
  /** 32 bytes, base64: encrypts channel secrets at rest. Generated into RELAIS_DATA when absent. */
  RELAIS_SECRET_KEY: z.string().optional(),
  /** Public address of this server, used to print webhook URLs. */
  RELAIS_PUBLIC_URL: z.string().url().optional(),
  /** Which roles this process plays: the HTTP server, the job worker, or both. */
  RELAIS_ROLES: z.string().default("web,worker"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  RELAIS_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  RELAIS_COOKIE_SECURE: ZBooleanString.optional(),
  /**
   * Which proxies' X-Forwarded-For to believe: off by default (the client's own address
   * counts); `true` for any, or a comma list of addresses and CIDR ranges.
   */
  RELAIS_TRUST_PROXY: z
    .string()
    .default("false")
    .transform((value): boolean | string[] => {
      const trimmed = value.trim();
      if (["", "false", "0", "no"].includes(trimmed)) return false;
      if (["true", "yes"].includes(trimmed)) return true;
      return trimmed
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean);
    }),
  /** Lets admins point outbound URLs (webhooks, provider base URLs) at private addresses. */
  RELAIS_OUTBOUND_ALLOW_PRIVATE: ZBooleanString.default(false),
  RELAIS_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  RELAIS_LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  RELAIS_LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** Outbound delivery: attempts before a message is marked failed, and backoff bounds. */
  RELAIS_DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  RELAIS_RETRY_BASE_MS: z.coerce.number().int().min(1).default(2000),
  RELAIS_RETRY_MAX_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(60 * 60 * 1000),
  /** How often workers look for due jobs and unpublished events when nothing woke them. */
  RELAIS_POLL_MS: z.coerce.number().int().min(50).default(1000),
  /** How often the queue expires jobs whose worker died (they then run again). */
  RELAIS_JOB_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).default(60),
  /** Caps every task's own expiry: a job running longer is taken as lost. Mostly for tests. */
  RELAIS_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(1).optional(),
  RELAIS_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).default(15000),
  RELAIS_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  /** The largest file an agent may upload to attach to a reply (a larger one answers 413). */
  RELAIS_ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  /** Chat widget: messages one visitor may send per minute (an address may send three times it). */
  RELAIS_WIDGET_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Chat widget: bytes of message text one visitor may send per minute. */
  RELAIS_WIDGET_BYTES_PER_MINUTE: z.coerce.number().int().min(1000).default(20_000),
  /** Chat widget: new sessions one channel may open per minute, whatever the addresses. */
  RELAIS_WIDGET_SESSIONS_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** Chat widget: anonymous visitors who never wrote are forgotten after this many hours. */
  RELAIS_WIDGET_VISITOR_RETENTION_HOURS: z.coerce.number().int().min(1).default(24),
  /** Published events (the outbox) are deleted after this many days. */
  RELAIS_EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).default(7),
  /** How long a signed download link (API webhook, chat widget) stays valid. */
  RELAIS_ATTACHMENT_LINK_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(24 * 60 * 60),
});

export type Env = z.infer<typeof ZEnv>;

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = ZEnv.refine((env) => !env.DATABASE_READ_URL || env.DATABASE_URL, {
    path: ["DATABASE_READ_URL"],
    message: "a read replica needs DATABASE_URL (the embedded database has none)",
  }).safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join(".")}: ${issue.message}`,
    );
    throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  return result.data;
}

export function publicUrl(env: Env): string {
  return (env.RELAIS_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
}

export function hasRole(env: Env, role: "web" | "worker"): boolean {
  return env.RELAIS_ROLES.split(",")
    .map((part) => part.trim())
    .includes(role);
}
