import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { runOperation } from "../admin/operations.ts";
import { safeEqual } from "../crypto/tokens.ts";
import { AppError, isAppError, notFound } from "../errors.ts";
import type { Services } from "../services.ts";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);
const ZAdminRequest = z.object({ operation: z.string(), args: z.unknown() });

/**
 * Lets `relais` CLI commands run inside this server while it holds the embedded database:
 * loopback connections only, with the token the server wrote into its data folder (mode 0600).
 * Answers NDJSON: progress lines, then one result or error line.
 */
export async function adminPlugin(
  app: FastifyInstance,
  options: { services: Services; adminToken: string },
) {
  const { services, adminToken } = options;
  app.post("/admin/operations", async (request, reply) => {
    const remote = request.socket.remoteAddress ?? "";
    const given = request.headers["x-relais-admin"];
    if (!LOOPBACK.has(remote) || typeof given !== "string" || !safeEqual(given, adminToken)) {
      throw notFound("Route");
    }
    const body = ZAdminRequest.safeParse(request.body);
    if (!body.success) throw new AppError(400, "validation_failed", "Expected {operation, args}.");

    reply.hijack();
    reply.raw.writeHead(200, { "content-type": "application/x-ndjson" });
    const write = (line: unknown) => reply.raw.write(`${JSON.stringify(line)}\n`);
    try {
      const result = await runOperation(
        services,
        body.data.operation,
        body.data.args,
        (done, total, label) => write({ progress: { done, total, label } }),
      );
      write({ result });
    } catch (error) {
      if (!isAppError(error)) request.log.error({ err: error }, "admin operation failed");
      write({
        error: isAppError(error)
          ? { id: error.id, message: error.message }
          : { id: "internal", message: error instanceof Error ? error.message : String(error) },
      });
    }
    reply.raw.end();
  });
}
