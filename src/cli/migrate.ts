import type { Command } from "commander";
import { execute } from "./execute.ts";
import { printJson } from "./print.ts";

export function migrateCommand(program: Command) {
  program
    .command("migrate")
    .description("Bring the database schema up to date")
    .action(async () => {
      printJson(await execute("migrate", {}));
    });
}
