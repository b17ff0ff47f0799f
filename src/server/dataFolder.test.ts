import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { closeServices, testEnv } from "../../test/support/relais.ts";
import { createServices } from "./runtime.ts";

const mode = (path: string) => statSync(path).mode & 0o777;

/** Starting the embedded database is slow on a busy machine. */
const STARTUP_MS = 180_000;

describe("the data folder is private", { timeout: STARTUP_MS }, () => {
  it("closes what an older version left readable, and creates new files 0600", async () => {
    const data = mkdtempSync(join(tmpdir(), "relais-modes-"));
    chmodSync(data, 0o755);
    mkdirSync(join(data, "db", "base"), { recursive: true });
    chmodSync(join(data, "db"), 0o777);
    writeFileSync(join(data, "db", "base", "1259"), "rows");
    chmodSync(join(data, "db", "base", "1259"), 0o666);
    writeFileSync(join(data, "server.json"), "{}");
    chmodSync(join(data, "server.json"), 0o644);

    const env = await testEnv({ RELAIS_DATA: data });
    const services = await createServices({ ...env, RELAIS_SECRET_KEY: undefined }, undefined, {
      inMemory: true,
    });
    try {
      expect(mode(data)).toBe(0o700);
      expect(mode(join(data, "db"))).toBe(0o700);
      expect(mode(join(data, "db", "base"))).toBe(0o700);
      expect(mode(join(data, "db", "base", "1259"))).toBe(0o600);
      expect(mode(join(data, "server.json"))).toBe(0o600);
      // The generated secret key, and anything the process writes from now on.
      expect(mode(join(data, "secret.key"))).toBe(0o600);
      writeFileSync(join(data, "later.txt"), "x");
      expect(mode(join(data, "later.txt"))).toBe(0o600);
      mkdirSync(join(data, "later"));
      expect(mode(join(data, "later"))).toBe(0o700);
    } finally {
      await closeServices(services);
    }
  });

  it("creates a missing data folder 0700", async () => {
    const data = join(mkdtempSync(join(tmpdir(), "relais-modes-")), "nested", ".relais");
    const services = await createServices(await testEnv({ RELAIS_DATA: data }), undefined, {
      inMemory: true,
    });
    try {
      expect(mode(data)).toBe(0o700);
    } finally {
      await closeServices(services);
    }
  });
});
