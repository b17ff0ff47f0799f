import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { loadEnv } from "../server/env.ts";
import { createLogger } from "../server/logger.ts";
import { startRelais } from "../server/runtime.ts";
import { CliError } from "./execute.ts";
import { ensureWebBuilt } from "./webBuild.ts";

export const WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../dist/web");

export function serveCommand(program: Command) {
  program
    .command("serve")
    .description("Serve Relais (web app, API, webhooks) and run its jobs")
    .option("--port <port>", "HTTP port (default: PORT or 3000)")
    .option("--roles <roles>", "web, worker, or web,worker (default)")
    .action(async (options: { port?: string; roles?: string }) => {
      const env = loadEnv({
        ...process.env,
        ...(options.port ? { PORT: options.port } : {}),
        ...(options.roles ? { RELAIS_ROLES: options.roles } : {}),
      });
      const log = createLogger(env);
      await ensureWebBuilt(log);
      let relais: Awaited<ReturnType<typeof startRelais>>;
      try {
        relais = await startRelais(env, { webRoot: WEB_ROOT, log });
      } catch (error) {
        throw new CliError(error instanceof Error ? error.message : String(error));
      }
      if (relais.url) {
        process.stderr.write(
          `\nRelais is running on http://localhost:${env.PORT} (${relais.services.database.kind}).\n` +
            "First visit: the browser offers to create your account, or run `npx relais demo`.\n\n",
        );
      }
      let stopping = false;
      const shutdown = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        log.info({ signal }, "stopping");
        await relais.stop();
        process.exit(0);
      };
      process.on("SIGINT", () => void shutdown("SIGINT"));
      process.on("SIGTERM", () => void shutdown("SIGTERM"));
    });
}
