import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  CHANNEL_KINDS,
  CONVERSATION_STATUSES,
  DELIVERY_STATUSES,
  IDENTITY_KINDS,
  PRIORITIES,
  ROLES,
  SENTIMENTS,
} from "../../shared/enums.ts";
import { EVENT_NAMES } from "../../shared/events.ts";
import { CATEGORIES, categoryKey } from "../lib/triage.ts";
import { resources, type Tree } from "./resources.ts";

const PLURAL = /_(zero|one|two|few|many|other)$/;
const WEB_ROOT = fileURLToPath(new URL("..", import.meta.url));

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text);
  }
  return out;
}

/** Keys without their plural suffix: what the code asks for. */
function baseKeys(strings: Map<string, string>): Set<string> {
  return new Set([...strings.keys()].map((key) => key.replace(PLURAL, "")));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".test.ts") ? [path] : [];
  });
}

function variables(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? "").sort();
}

const strings = { en: flatten(resources.en), fr: flatten(resources.fr) };
const bases = { en: baseKeys(strings.en), fr: baseKeys(strings.fr) };

describe("web app translations", () => {
  it("has the same keys in French and English", () => {
    expect([...bases.fr].filter((key) => !bases.en.has(key))).toEqual([]);
    expect([...bases.en].filter((key) => !bases.fr.has(key))).toEqual([]);
  });

  it("has every plural form each language needs", () => {
    for (const locale of ["en", "fr"] as const) {
      const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      const plurals = new Set(
        [...strings[locale].keys()]
          .filter((key) => PLURAL.test(key))
          .map((key) => key.replace(PLURAL, "")),
      );
      for (const base of plurals) {
        for (const category of needed) {
          expect(strings[locale].has(`${base}_${category}`), `${locale}: ${base}_${category}`).toBe(
            true,
          );
        }
      }
    }
  });

  it("uses the same placeholders in both languages and leaves no string empty", () => {
    for (const [key, text] of strings.en) {
      expect(text.trim(), key).not.toBe("");
      const french = strings.fr.get(key) ?? strings.fr.get(`${key.replace(PLURAL, "")}_other`);
      expect(french?.trim(), key).toBeTruthy();
      expect(variables(french ?? ""), key).toEqual(variables(text));
    }
  });

  it("translates every key the code names", () => {
    const used = new Set<string>();
    const namespaces = Object.keys(resources.en).join("|");
    const literal = new RegExp(`["'\`]((?:${namespaces})\\.[A-Za-z0-9_.]+)["'\`]`, "g");
    for (const file of sourceFiles(WEB_ROOT)) {
      for (const match of readFileSync(file, "utf8").matchAll(literal)) used.add(match[1] ?? "");
    }
    expect(used.size).toBeGreaterThan(150);
    // Event names and category values look like keys but are data.
    const data = new Set<string>([...EVENT_NAMES, ...CATEGORIES]);
    const missing = [...used].filter(
      (key) => !data.has(key) && (!bases.en.has(key) || !bases.fr.has(key)),
    );
    expect(missing).toEqual([]);
  });

  it("names every value of the shared enumerations", () => {
    const expected = [
      ...CHANNEL_KINDS.map((kind) => `channelKinds.${kind}`),
      ...IDENTITY_KINDS.map((kind) => `identityKinds.${kind}`),
      ...CONVERSATION_STATUSES.map((status) => `statuses.${status}`),
      ...CONVERSATION_STATUSES.map((status) => `statusTabs.${status}`),
      ...CONVERSATION_STATUSES.map((status) => `inbox.empty.${status}`),
      ...DELIVERY_STATUSES.map((status) => `delivery.${status}`),
      ...PRIORITIES.map((priority) => `priorities.${priority}`),
      ...SENTIMENTS.map((sentiment) => `sentiments.${sentiment}`),
      ...ROLES.map((role) => `roles.${role}`),
      ...CATEGORIES.map(categoryKey),
      "live.open",
      "live.connecting",
      "live.reconnecting",
      "live.closed",
    ];
    for (const key of expected) {
      expect(bases.en.has(key), `en: ${key}`).toBe(true);
      expect(bases.fr.has(key), `fr: ${key}`).toBe(true);
    }
  });
});
