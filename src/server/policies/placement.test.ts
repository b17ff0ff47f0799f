import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SERVER = join(import.meta.dirname, "..");

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/**
 * One place for authorization (README, Architecture): a route handler loads its subject, calls
 * `authorize()`, then hands over to commands and models, which assume an authorized actor.
 */
describe("authorize()", () => {
  it("is called by route handlers only, never by commands, models or jobs", () => {
    const outside = sourceFiles(SERVER)
      .map((path) => relative(SERVER, path).split("\\").join("/"))
      .filter((path) => !path.startsWith("routes/") && !path.startsWith("policies/"))
      .filter((path) => {
        const text = readFileSync(join(SERVER, path), "utf8");
        return /\bauthorize\(/.test(text) || /from "[./]*policies\/index\.ts"/.test(text);
      });
    expect(outside).toEqual([]);
  });
});
