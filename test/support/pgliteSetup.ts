import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { openDatabase } from "../../src/server/db/database.ts";
import { loadEnv } from "../../src/server/env.ts";
import { createLogger } from "../../src/server/logger.ts";
import { migrateTemplate } from "./template.ts";

/**
 * For the projects on PGlite: one database created and migrated per run, dumped to a file that
 * every test Relais then loads (`pgliteTemplate()`), instead of running initdb and every migration
 * per test file. `test/support/template.test.ts` checks that a fresh database migrates to the same.
 */
export default async function setup(project: {
  provide: (key: "pgliteTemplate", value: string) => void;
}) {
  const env = loadEnv({ LOG_LEVEL: "silent", NODE_ENV: "test" });
  const log = createLogger(env);
  const database = await openDatabase({ log });
  let dump: Blob;
  try {
    await migrateTemplate(database, log);
    // Everything on disk, so that each copy starts without replaying the log.
    await sql`checkpoint`.execute(database.db);
    if (!database.dump) throw new Error("the embedded database cannot be dumped");
    dump = await database.dump();
  } finally {
    await database.close();
  }
  const folder = mkdtempSync(join(tmpdir(), "relais-pglite-template-"));
  const path = join(folder, "template.tar");
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", path);

  return () => rmSync(folder, { recursive: true, force: true });
}
