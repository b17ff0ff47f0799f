#!/usr/bin/env node
// The `relais` command. Runs the JavaScript that `npm install` built into dist/ (`npm run
// build:server`), so a start transpiles nothing. In a checkout whose TypeScript sources are newer
// than that build (development: an edit, a pull) or that has no build, it runs the sources
// through tsx's loader instead, so a stale build never hides an edit; `npm run build:server`
// brings the fast path back.
import { existsSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const built = `${root}dist/cli/index.js`;

/** True when a file under the folders is newer than the time given. */
function newerThan(time, folders) {
  return folders.some((folder) =>
    readdirSync(folder, { recursive: true, withFileTypes: true }).some(
      (entry) =>
        entry.isFile() &&
        entry.name.endsWith(".ts") &&
        statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs > time,
    ),
  );
}

function buildIsCurrent() {
  if (!existsSync(built)) return false;
  const sources = ["src/server", "src/cli", "src/shared"].map((folder) => `${root}${folder}`);
  if (!sources.every((folder) => existsSync(folder))) return true;
  return !newerThan(statSync(built).mtimeMs, sources);
}

if (process.env.RELAIS_FROM_SOURCE !== "1" && buildIsCurrent()) {
  await import(built);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/index.ts");
}
