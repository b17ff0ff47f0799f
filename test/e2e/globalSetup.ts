import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export const WEB_ROOT = join(process.cwd(), "dist", "web");

/**
 * Builds the web app once per run (`vite build`, as `npm install` does), so the browser tests
 * drive exactly what `relais serve` would serve. RELAIS_E2E_SKIP_BUILD=1 reuses an existing
 * build while iterating on the tests themselves.
 */
export default function setup() {
  if (process.env.RELAIS_E2E_SKIP_BUILD === "1" && existsSync(join(WEB_ROOT, "index.html"))) return;
  const vite = join(process.cwd(), "node_modules", "vite", "bin", "vite.js");
  const result = spawnSync(process.execPath, [vite, "build", "--logLevel", "warn"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`);
}
