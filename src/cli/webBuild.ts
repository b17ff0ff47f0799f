import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "../server/logger.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** Builds the web app on first start when `npm install` did not (e.g. install scripts off). */
export async function ensureWebBuilt(log: Logger): Promise<void> {
  if (existsSync(join(ROOT, "dist/web/index.html"))) return;
  if (!existsSync(join(ROOT, "vite.config.ts"))) return;
  log.info("building the web app (first start)…");
  const result = spawnSync("npx", ["vite", "build"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) log.warn("the web app could not be built; the API still runs");
}
