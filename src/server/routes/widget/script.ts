import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
export const WIDGET_ENTRY = join(ROOT, "src/widget/index.ts");
export const WIDGET_BUNDLE = join(ROOT, "dist/widget/widget.js");

let building: Promise<void> | null = null;

/**
 * The widget bundle is built by `npm run build:widget`; a server started without it builds it
 * once, on the first request (esbuild takes a few hundred milliseconds).
 */
export async function ensureWidgetBundle(log?: FastifyBaseLogger): Promise<string> {
  if (existsSync(WIDGET_ENTRY) && (!existsSync(WIDGET_BUNDLE) || sourcesNewer())) {
    building ??= buildWidget()
      .then(() => log?.info({ bundle: WIDGET_BUNDLE }, "widget bundle built"))
      .finally(() => {
        building = null;
      });
    await building;
  }
  return readFileSync(WIDGET_BUNDLE, "utf8");
}

/** A checkout whose widget sources changed since the last build (development) rebuilds it. */
function sourcesNewer(): boolean {
  const built = statSync(WIDGET_BUNDLE).mtimeMs;
  const folder = dirname(WIDGET_ENTRY);
  return readdirSync(folder).some((name) => statSync(join(folder, name)).mtimeMs > built);
}

export async function buildWidget(outfile = WIDGET_BUNDLE): Promise<void> {
  const esbuild = await import("esbuild");
  await esbuild.build({
    entryPoints: [WIDGET_ENTRY],
    outfile,
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2019"],
    legalComments: "none",
    logLevel: "silent",
  });
}

/** GET /widget.js: the loader a site embeds with one <script> tag. */
export async function widgetScriptRoutes(app: FastifyInstance) {
  app.get("/widget.js", async (request, reply) => {
    const code = await ensureWidgetBundle(request.log);
    const modified = existsSync(WIDGET_BUNDLE) ? statSync(WIDGET_BUNDLE).mtime : new Date();
    reply
      .type("application/javascript; charset=utf-8")
      .header("cache-control", "public, max-age=300")
      .header("last-modified", modified.toUTCString())
      .header("access-control-allow-origin", "*")
      .header("cross-origin-resource-policy", "cross-origin");
    return code;
  });
}
