import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./database.ts";

describe("the embedded database's data folder", () => {
  it("is opened once per process: a second open is refused until the first is closed", {
    timeout: 120_000,
  }, async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "relais-db-")), "db");
    const first = await openDatabase({ dataDir });
    await first.executeSql("create table kept (n int); insert into kept values (1)");
    // The same folder named another way is the same folder.
    await expect(openDatabase({ dataDir: `${dataDir}/../db` })).rejects.toThrow(/already open/);
    await first.close();

    const again = await openDatabase({ dataDir });
    expect((await again.executeSql("select n from kept")).rows).toEqual([{ n: 1 }]);
    await again.close();
  });
});
